import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harEntry, readHar } from '../../suites/traffic/har.ts';
import type { InputProblem } from '../../suites/traffic/types.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eb-har-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (extra: Record<string, unknown> = {}) => ({
  startedDateTime: '2030-01-01T00:00:00.000Z',
  time: 12,
  request: {
    method: 'POST',
    url: 'http://broker.test/requests',
    headers: [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Accept', value: 'application/json' },
    ],
    postData: { mimeType: 'application/json', text: '{"compute":{}}' },
  },
  response: {
    status: 303,
    headers: [{ name: 'Location', value: 'http://broker.test/offersets/1' }],
    content: { size: 0, mimeType: '' },
  },
  ...extra,
});

describe('HAR entries', () => {
  it('become exchanges with lower-case headers, bodies and timing', () => {
    const exchange = harEntry(entry({ comment: 'w1-x7' }), 'fallback');
    expect(exchange).toMatchObject({
      id: 'w1-x7',
      durationMs: 12,
      request: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"compute":{}}',
      },
      response: { status: 303, headers: { location: 'http://broker.test/offersets/1' } },
    });
  });

  it('decode base64 bodies and keep the no-answer of status 0 as an error', () => {
    const encoded = harEntry(
      entry({
        response: {
          status: 200,
          headers: [],
          content: { text: Buffer.from('{"a":1}').toString('base64'), encoding: 'base64' },
        },
      }),
      'f',
    );
    expect(typeof encoded === 'object' && encoded.response?.body).toBe('{"a":1}');
    const none = harEntry(
      entry({ response: { status: 0, headers: [], content: {} }, _error: 'ECONNRESET' }),
      'f',
    );
    expect(typeof none === 'object' && none.error).toBe('ECONNRESET');
  });

  it('refuse entries without the essentials, saying what is missing', () => {
    expect(harEntry(null, 'f')).toBe('an entry is not an object');
    expect(harEntry({ request: {} }, 'f')).toBe('an entry has no request method or URL');
    expect(harEntry(entry({ startedDateTime: 'yesterday' }), 'f')).toBe(
      'an entry has no readable startedDateTime',
    );
  });
});

describe('readHar', () => {
  it('streams entries in order and reports broken ones without stopping', async () => {
    const file = join(dir, 'mixed.har');
    const good = JSON.stringify(entry());
    await writeFile(file, `{"log":{"version":"1.2","entries":[${good},{"request":1},${good}]}}`);
    const problems: InputProblem[] = [];
    const items = [];
    for await (const item of readHar(file, { prefix: 'i1:', onProblem: (p) => problems.push(p) }))
      items.push(item);
    expect(items.map((item) => item.exchange.id)).toEqual(['i1:1', 'i1:3']);
    expect(items[0]?.seen).toEqual({
      from: Date.parse('2030-01-01T00:00:00Z'),
      to: Date.parse('2030-01-01T00:00:00Z') + 12,
    });
    expect(items[0]?.timeSource).toBe('har');
    expect(problems).toEqual([
      { source: `${file} entry 2`, message: 'an entry has no request method or URL' },
    ]);
  });
});
