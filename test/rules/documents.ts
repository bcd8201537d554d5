// Hand-made documents of a well-behaved v1.0.7 broker, and views of the exchanges that carry
// them, for the rule tests: each test changes one thing and sees the rule it breaks.

import { kindUri } from '../../spec/index.ts';
import type { ExchangeView, OfferCase, Operation } from '../../suites/rules/types.ts';
import { ruleContext } from '../../suites/judge/context.ts';
import { expectedDocument } from '../../suites/judge/classify.ts';
import { documentKind } from '../../suites/traffic/shape.ts';

export const T0 = Date.parse('2030-01-01T00:00:00Z');
export const MINUTE = 60_000;
export const iso = (ms: number): string => new Date(ms).toISOString();

export const K = (name: string): string => kindUri('v1.0.7', name) ?? `unknown:${name}`;

export const context = ruleContext({
  profile: 'v1.0.7',
  capacity: { cores: 8, memory: 32, storage: 100 },
});

export function session(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const uuid = '5ec79894-814f-4f81-9561-2fe4bfc6010d';
  return {
    kind: K('scheduled-execution-session'),
    meta: {
      uuid,
      url: `http://broker.test/sessions/${uuid}`,
      created: iso(T0),
      modified: iso(T0),
      messages: [],
      options: [{ kind: 'uri:enum-value-option', path: 'phase', values: ['ACCEPTED', 'REJECTED'] }],
    },
    phase: 'OFFERED',
    expires: iso(T0 + 5 * MINUTE),
    executable: {
      kind: K('docker-container'),
      image: { locations: ['docker.io/library/python:3'] },
    },
    compute: {
      kind: K('simple-compute-resource'),
      cores: { min: 2, max: 2 },
      memory: { min: 2, max: 2 },
    },
    schedule: {
      preparing: { start: iso(T0 + MINUTE), duration: 'PT1M' },
      available: { start: `${iso(T0 + 2 * MINUTE)}/${iso(T0 + 2 * MINUTE)}`, duration: 'PT30M' },
      releasing: { start: iso(T0 + 32 * MINUTE), duration: 'PT1M' },
    },
    ...extra,
  };
}

export const message = {
  kind: 'urn:eb-conform:message:no-capacity',
  time: iso(T0),
  level: 'WARN',
  template: 'no capacity for {cores} cores',
  values: { cores: '9' },
  message: 'no capacity for 9 cores',
};

export function offerset(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const uuid = '2d67672a-4b39-424d-94be-9d1ac48b5810';
  return {
    meta: {
      uuid,
      url: `http://broker.test/offersets/${uuid}`,
      created: iso(T0),
      modified: iso(T0),
      messages: [],
    },
    result: 'YES',
    offers: [session()],
    ...extra,
  };
}

export function request(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    executable: {
      kind: K('docker-container'),
      image: { locations: ['docker.io/library/python:3'] },
    },
    compute: { kind: K('simple-compute-resource'), cores: { min: 2, max: 4 }, memory: { min: 2 } },
    schedule: {
      requested: { duration: 'PT30M', start: `${iso(T0)}/${iso(T0 + 10 * MINUTE)}` },
    },
    ...extra,
  };
}

/** An exchange as the live client would record it: status, JSON, Accept application/json. */
export function view(
  body: unknown,
  extra: Partial<ExchangeView> & { op?: Operation } = {},
): ExchangeView {
  const op = extra.op ?? (documentKind(body) === 'OfferSetResponse' ? 'offerset' : 'session');
  const expect = expectedDocument(op);
  return {
    cite: ['x1'],
    where: `GET http://broker.test/x (x1)`,
    op,
    method: 'GET',
    url: 'http://broker.test/x',
    status: 200,
    headers: { 'content-type': 'application/json' },
    contentType: 'application/json',
    requestHeaders: { accept: 'application/json' },
    document: documentKind(body, JSON.stringify(body)),
    ...(body === undefined ? {} : { body }),
    ...(expect === undefined ? {} : { expect }),
    seen: { from: T0, to: T0 + 10 },
    ...extra,
  };
}

/** One offer with the request that produced it. */
export function offered(offer: unknown, asked: unknown = request()): OfferCase {
  return {
    request: asked,
    offerset: { offers: [offer] },
    offer,
    index: 0,
    cite: ['x1', 'x2'],
    where: 'POST http://broker.test/requests (x1)',
    seen: { from: T0, to: T0 + 10 },
  };
}

/** A session with its compute replaced by this one. */
export function withCompute(compute: Record<string, unknown>): Record<string, unknown> {
  return session({ compute: { kind: K('simple-compute-resource'), ...compute } });
}
