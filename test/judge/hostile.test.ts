// No traffic, however odd, makes the judge throw: bodies of any shape, any status, any header,
// documents that are almost the standard's, events out of order.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../contract/result.ts';
import { classifier } from '../../suites/judge/classify.ts';
import { Judge } from '../../suites/judge/engine.ts';
import { buildResult } from '../../suites/judge/result.ts';
import { viewOfDocuments, viewOfExchange } from '../../suites/judge/view.ts';
import { documentKind } from '../../suites/traffic/shape.ts';
import { context, offerset, session, T0 } from '../rules/documents.ts';

const almost = fc.oneof(
  fc.constant(offerset()),
  fc.constant(session()),
  fc.record({
    result: fc.constantFrom('YES', 'NO', true, 3),
    offers: fc.array(fc.anything(), { maxLength: 3 }),
    meta: fc.anything(),
  }),
  fc.record({
    phase: fc.string(),
    meta: fc.record({ uuid: fc.string() }),
    expires: fc.anything(),
    schedule: fc.anything(),
    compute: fc.anything(),
  }),
  fc.anything(),
);

const exchange: fc.Arbitrary<Exchange> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 8 }),
  startedAt: fc.constant(new Date(T0).toISOString()),
  durationMs: fc.nat(1000),
  request: fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', '(not captured)'),
    url: fc.constantFrom(
      'http://b/requests',
      'http://b/offersets/x',
      'http://b/sessions/x',
      'http://b/other',
      'not a url',
      '',
    ),
    headers: fc.dictionary(fc.constantFrom('accept', 'content-type', 'x'), fc.string()),
    body: fc.oneof(
      almost.map((doc) => JSON.stringify(doc) ?? ''),
      fc.string(),
    ),
  }),
  response: fc.option(
    fc.record({
      status: fc.integer({ min: 100, max: 599 }),
      headers: fc.dictionary(
        fc.constantFrom('content-type', 'location', 'date'),
        fc.oneof(fc.string(), fc.constantFrom('application/json', 'application/yaml', 'text/html')),
      ),
      body: fc.oneof(
        almost.map((doc) => JSON.stringify(doc) ?? ''),
        fc.string(),
        fc.string().map((text) => `kind: x\n${text}`),
      ),
    }),
    { nil: undefined },
  ),
});

describe('the judge on hostile traffic', () => {
  it('never throws, and every finding names a requirement and the exchange it is about', () => {
    const classify = classifier('v1.0.7');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(exchange, fc.integer({ min: -1e6, max: 1e6 })), { maxLength: 12 }),
        (items) => {
          const judge = new Judge(context, undefined, true);
          for (const [x, shift] of items) {
            const findings = judge.add(
              viewOfExchange(x, classify, {
                requestHeaders: true,
                seen: { from: T0 + shift, to: T0 + shift + 5 },
              }),
              x.id,
            );
            for (const finding of findings) expect(finding.requirement).toMatch(/^\/req\//);
          }
          const result = buildResult(
            judge,
            {
              mode: 'check',
              target: 'x',
              profile: 'v1.0.7',
              startedAt: new Date(),
              command: 't',
              tool: { name: 'eb-conform', version: 't' },
            },
            [],
          );
          expect(result.requirements.length).toBeGreaterThan(50);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('types no odd document as a session, and judges document pairs without throwing', () => {
    fc.assert(
      fc.property(
        fc.option(almost, { nil: undefined }),
        fc.option(almost, { nil: undefined }),
        (request, response) => {
          const text = (doc: unknown) => JSON.stringify(doc) ?? '';
          const file = (doc: unknown, name: string) => ({
            file: name,
            text: text(doc),
            body: doc,
            kind: documentKind(doc, text(doc)),
          });
          const item = {
            kind: 'documents' as const,
            ...(request === undefined ? {} : { request: file(request, 'a-request.json') }),
            ...(response === undefined ? {} : { response: file(response, 'b-response.json') }),
            process: 'f',
            timeSource: 'none' as const,
            source: 'x',
          };
          const judge = new Judge(context);
          judge.add(viewOfDocuments(item), 'f');
          judge.finish();
        },
      ),
      { numRuns: 300 },
    );
  });
});
