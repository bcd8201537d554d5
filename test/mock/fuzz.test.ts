import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { startMockBroker, type MockBroker } from '../../mock/index.ts';
import { createOffers, send } from './http-helpers.ts';

const HOSTILE: [string, string | Buffer, string | undefined][] = [
  ['truncated JSON', '{"executable": {"kind": "ht', 'application/json'],
  ['truncated YAML', 'executable:\n  kind: [', 'application/yaml'],
  [
    'YAML alias bomb',
    [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n'),
    'application/yaml',
  ],
  ['deep JSON nesting', '['.repeat(500_000) + ']'.repeat(500_000), 'application/json'],
  ['deep YAML nesting', '['.repeat(200_000) + ']'.repeat(200_000), 'application/yaml'],
  ['deep object nesting', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000), 'application/json'],
  [
    '__proto__ keys',
    '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "executable": {"kind": "x", "__proto__": {"kind": 1}}}',
    'application/json',
  ],
  ['invalid UTF-8', Buffer.from([0x65, 0x78, 0xc3, 0x28, 0xa0, 0xa1]), 'application/json'],
  ['wrong content type', '{"a": 1}', 'image/png'],
  ['nonsense content type', '{"a": 1}', ';;;/'],
  ['no content type', 'executable: {kind: x}', undefined],
  [
    'YAML custom tags',
    'a: !!js/function "function(){}"\nb: !!binary aGVsbG8=\nc: !<tag:yaml.org,2002:set> {x}',
    'application/yaml',
  ],
  ['several YAML documents', 'a: 1\n---\nb: 2\n', 'application/yaml'],
  ['JSON scalar', '42', 'application/json'],
  ['JSON null', 'null', 'application/json'],
  [
    'huge numbers',
    '{"compute": {"kind": "x", "cores": {"min": 1e400, "max": 123456789012345678901234567890}}}',
    'application/json',
  ],
  [
    'strings where objects go',
    '{"executable": "docker", "compute": [], "storage": {}, "schedule": {"requested": {"start": 5}}}',
    'application/json',
  ],
  [
    'XML entity bomb',
    '<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><offers-request>&b;</offers-request>',
    'application/xml',
  ],
  [
    'XML external entity',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    'application/xml',
  ],
  ['deep XML nesting', '<a>'.repeat(20_000) + '</a>'.repeat(20_000), 'application/xml'],
  ['broken XML', '<offers-request><compute kind="x"><cores><min>2</min></compute>', 'text/xml'],
  [
    'XML __proto__ elements',
    '<r><__proto__><polluted>1</polluted></__proto__><constructor><prototype><polluted>1</polluted></prototype></constructor></r>',
    'application/xml',
  ],
  ['NUL bytes', '{"executable":{"kind":"\u0000"}}', 'application/json'],
];

describe('hostile input never produces a 5xx', () => {
  let broker: MockBroker;
  beforeAll(async () => {
    // A platform too large to fill, so every case still gets a live offer to aim at.
    broker = await startMockBroker({
      port: 0,
      config: { totals: { cores: 100_000, memory: 400_000, storage: 1_000_000 } },
    });
  });
  afterAll(() => broker.close());

  it.each(HOSTILE)('%s', async (_name, body, type) => {
    const offerSet = await createOffers(broker.url);
    const session = offerSet.body.offers[0].meta.url as string;
    for (const url of [`${broker.url}/requests`, `${broker.url}/direct`, session]) {
      const answer = await send(url, {
        method: 'POST',
        raw: body,
        headers: type === undefined ? {} : { 'content-type': type },
      });
      expect(answer.status, `${url}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a 10 MB body with 413 without waiting for all of it', async () => {
    const answer = await send(`${broker.url}/requests`, {
      raw: Buffer.alloc(10 * 1024 * 1024, 0x20),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(413);
    const chunked = await request(`${broker.url}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Readable.from(
        (function* () {
          for (let i = 0; i < 10; i++) yield Buffer.alloc(1024 * 1024, 0x20);
        })(),
      ),
    });
    await chunked.body.text();
    expect(chunked.statusCode).toBe(413);
  });

  it('survives odd paths and methods', async () => {
    for (const [method, path] of [
      ['GET', '/%E0%A4%A'],
      ['GET', '/sessions/%00'],
      ['PATCH', '/requests'],
      ['GET', '/offersets/../../etc/passwd'],
      ['OPTIONS', '/sessions/x'],
      ['GET', '//requests?x=1'],
    ] as const) {
      const answer = await send(`${broker.url}${path}`, { method });
      expect(answer.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${method} ${path}`).toBeLessThan(500);
    }
  });

  it('answers arbitrary JSON documents with 303 or a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (doc) => {
        const answer = await send(`${broker.url}/requests`, {
          raw: JSON.stringify(doc),
          headers: { 'content-type': 'application/json' },
        });
        expect([303, 400]).toContain(answer.status);
      }),
      { numRuns: 60 },
    );
  });

  it('answers requests the HTTP parser refuses with a named error, then closes', async () => {
    const port = Number(new URL(broker.url).port);
    const flood = Array.from({ length: 3000 }, (_, i) => `x-h${i}: v`).join('\r\n');
    for (const [raw, status, code] of [
      [`GET /offersets/x HTTP/1.1\r\nhost: x\r\n${flood}\r\n\r\n`, 431, 'headers-too-large'],
      ['HELLO WORLD\r\n\r\n', 400, 'bad-http'],
      ['POST /requests HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n', 400, 'bad-http'],
      [
        'POST /requests HTTP/1.1\r\naccept: application/json\r\ncontent-length: 2\r\n\r\n{}',
        400,
        'missing-host',
      ],
    ] as const) {
      const answer = await new Promise<string>((resolve, reject) => {
        let text = '';
        const socket = connect(port, '127.0.0.1', () => socket.end(raw));
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(JSON.parse(body!).error).toMatchObject({ code, status });
    }
  });

  it('answers arbitrary bytes with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('application/json', 'application/yaml'),
        async (bytes, type) => {
          const answer = await send(`${broker.url}/requests`, {
            method: 'POST',
            raw: Buffer.from(bytes),
            headers: { 'content-type': type },
          });
          expect(answer.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
