import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerClient, MAX_BODY_BYTES } from '../../suites/harness/client.ts';
import type { TargetContext } from '../../suites/harness/context.ts';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/requests') {
      res.writeHead(303, { location: '/offersets/abc', 'content-type': 'application/json' });
      res.end('{"meta": {"uuid": "abc"}}');
    } else if (req.url === '/offersets' && req.method === 'POST') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"meta": {"uuid": "def"}, "result": "NO", "offers": []}');
    } else if (req.url === '/offersets/abc') {
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.end('meta:\n  uuid: abc\nresult: NO\noffers: []\n');
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 2_000);
    } else if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(MAX_BODY_BYTES + 10_000));
    } else if (req.url === '/broken-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"unterminated":');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(timeoutMs = 1_000, profile: 'v1.0.7' | 'v1.0.5' = 'v1.0.7'): BrokerClient {
  const context: TargetContext = {
    failOn: 'must',
    target: base,
    profile,
    declaration: {},
    seed: 1,
    runs: 1,
    maxWaitMs: 100,
    headers: {},
    requestTimeoutMs: timeoutMs,
    runDir: undefined,
    control: false,
    builtIn: false,
  };
  return new BrokerClient(context);
}

describe('BrokerClient', () => {
  it('follows a 303 from create with its own GET and records both exchanges', async () => {
    const result = await client().create({});
    expect(result.status).toBe(303);
    expect(
      result.exchanges.map((x) => `${x.request.method} ${new URL(x.request.url).pathname}`),
    ).toEqual(['POST /requests', 'GET /offersets/abc']);
    expect(result.offerset).toEqual({ meta: { uuid: 'abc' }, result: 'NO', offers: [] });
  });

  it('takes the OfferSet from a 200 answer, at the v1.0.5 create path', async () => {
    const result = await client(1_000, 'v1.0.5').create({}, { format: 'yaml' });
    expect(result.status).toBe(200);
    expect(result.exchanges).toHaveLength(1);
    expect(result.exchanges[0]?.request.headers['content-type']).toBe('application/yaml');
    expect(result.offerset).toEqual({ meta: { uuid: 'def' }, result: 'NO', offers: [] });
  });

  it('leaves the 303 alone when asked not to follow it', async () => {
    const result = await client().create({}, { followRedirect: false });
    expect(result.replies).toHaveLength(1);
    expect(result.offerset).toBeUndefined();
    expect(result.replies[0]?.headers.location).toBe('/offersets/abc');
  });

  it('gives up after the request timeout instead of hanging', async () => {
    const reply = await client(200).raw('GET', '/slow');
    expect(reply.timedOut).toBe(true);
    expect(reply.status).toBe(0);
    expect(reply.exchange.error).toMatch(/timeout after 200 ms/);
  });

  it('caps the body it reads and marks the exchange truncated', async () => {
    const reply = await client().raw('GET', '/huge');
    expect(reply.text?.length).toBe(MAX_BODY_BYTES);
    expect(reply.exchange.response?.truncated).toBe(true);
  });

  it('reports an unparseable body instead of throwing', async () => {
    const reply = await client().raw('GET', '/broken-json');
    expect(reply.body).toBeUndefined();
    expect(reply.parseError).toBeTruthy();
  });

  it('turns a refused connection into an exchange with an error', async () => {
    const closed = client();
    (closed.context as { target: string }).target = 'http://127.0.0.1:1';
    const reply = await closed.raw('GET', '/anything');
    expect(reply.status).toBe(0);
    expect(reply.error).toMatch(/ECONNREFUSED|connect/i);
  });
});
