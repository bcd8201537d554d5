import { createServer as createHttpServer, type Server } from 'node:http';
import {
  createServer as createTcpServer,
  connect,
  type Server as TcpServer,
  type Socket,
} from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyCommand } from '../../cli/proxy.ts';
import type { RunResult } from '../../contract/result.ts';
import { startMockBroker } from '../../mock/index.ts';
import { rewriter, startProxy, type RunningProxy } from '../../proxy/index.ts';

type Broker = Awaited<ReturnType<typeof startMockBroker>>;

const request = {
  executable: {
    kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/jupyter-notebook.yaml',
    location: 'https://notebooks.example.org/a.ipynb',
  },
  compute: {
    kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/compute/simple-compute-resource.yaml',
    cores: { min: 1, max: 2 },
    memory: { min: 1, max: 2 },
  },
  schedule: { requested: { duration: 'PT30M' } },
};

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

let broker: Broker;
let proxy: RunningProxy;
const said: string[] = [];

beforeAll(async () => {
  broker = await startMockBroker({ port: 0, faults: ['ignore-max'] });
  proxy = await startProxy({ target: broker.url, port: 0, say: (line) => said.push(line) });
});
afterAll(async () => {
  await proxy.close();
  await broker.close();
});

async function create(base: string): Promise<Response> {
  return fetch(`${base}/requests`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(request),
  });
}

describe('eb-conform proxy', () => {
  it("forwards the exchange, pointing the broker's own URLs back at the proxy", async () => {
    const created = await create(proxy.url);
    expect(created.status).toBe(303);
    const location = created.headers.get('location') ?? '';
    expect(location.startsWith(`${proxy.url}/offersets/`)).toBe(true);
    const through = await fetch(location, { headers: { accept: 'application/json' } });
    const direct = await fetch(location.replace(proxy.url, broker.url), {
      headers: { accept: 'application/json' },
    });
    expect(through.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    const [a, b] = [await through.text(), await direct.text()];
    expect(a).toBe(b.replaceAll(broker.url, proxy.url));
    expect(a).not.toContain(broker.url);
  });

  it("says each finding once as a line, and puts the answer's findings in a header", async () => {
    const created = await create(proxy.url);
    const read = await fetch(created.headers.get('location') ?? '', {
      headers: { accept: 'application/json' },
    });
    await read.text();
    const header = read.headers.get('x-eb-conform-findings') ?? '';
    expect(header).toMatch(
      /^[1-9]\d*; WARN \/req\/matching\/cores-max: offer \d provides up to \d+ cores; the request allowed at most 2$/,
    );
    expect(said.some((line) => line.startsWith('WARN /req/matching/cores-max: offer'))).toBe(true);
    expect(created.headers.get('x-eb-conform-findings')).toBe('0');
  });

  it('answers 502 with a clear body when the broker is down, and records the exchange', async () => {
    const closed = createTcpServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const lonely = await startProxy({ target: `http://127.0.0.1:${port}`, port: 0 });
    try {
      const answer = await fetch(`${lonely.url}/sessions/x`);
      expect(answer.status).toBe(502);
      const body = (await answer.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('upstream-unreachable');
      expect(body.error.message).toMatch(
        /could not reach the broker at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/,
      );
      const result = lonely.judge.result({
        mode: 'proxy',
        target: 'x',
        startedAt: new Date(),
        command: 't',
        tool: { name: 'eb-conform', version: 't' },
      });
      expect(result.exchanges.map((x) => x.error)).toEqual(['ECONNREFUSED']);
      // A refused connection is a broker that is gone, not one that answers badly: nothing to judge.
      expect(result.outcome).toBe('error');
    } finally {
      await lonely.close();
    }
  });

  it('survives garbage from the client and from the broker', async () => {
    const junk = await new Promise<string>((resolve) => {
      const url = new URL(proxy.url);
      const socket = connect(Number(url.port), url.hostname, () =>
        socket.write('\u0000\u0001 NOT HTTP\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(junk).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    const sockets = new Set<Socket>();
    const liar = createTcpServer((socket) => {
      sockets.add(socket);
      socket.end('THIS IS NOT HTTP\r\n\r\n');
    });
    const port = await listen(liar);
    const confused = await startProxy({ target: `http://127.0.0.1:${port}`, port: 0 });
    try {
      const answer = await fetch(`${confused.url}/sessions/x`);
      expect(answer.status).toBe(502);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(
        'upstream-unreachable',
      );
    } finally {
      await confused.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => liar.close(resolve));
    }
    const still = await fetch(`${proxy.url}/sessions/unknown`);
    expect(still.status).toBe(404);
  });

  it('streams a large answer through, rewritten, without holding it for a header', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    let port = 0;
    const origin = () => `http://127.0.0.1:${port}`;
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      Readable.from([`${origin()}/a `, big, ` ${origin()}/b`]).pipe(res);
    });
    port = await listen(server);
    const streaming = await startProxy({ target: origin(), port: 0, findingHeaders: false });
    try {
      for (const via of [streaming.url, (await startProxy({ target: origin(), port: 0 })).url]) {
        const answer = await fetch(`${via}/big`);
        const text = await answer.text();
        expect(text.length).toBe(big.length + 2 * `${via}/a `.length);
        expect(text.startsWith(`${via}/a `)).toBe(true);
        expect(text.endsWith(` ${via}/b`)).toBe(true);
        expect(answer.headers.get('x-eb-conform-findings')).toBeNull();
      }
    } finally {
      await streaming.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('URL rewriting', () => {
  it('finds the broker origin even when a chunk boundary cuts it, and nothing else', async () => {
    const rewrite = rewriter('http://127.0.0.1:8082', 'http://127.0.0.1:9');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              'http://127.0.0.1:8082',
              'http://localhost:8082/x',
              'http://127.0.0.1:80820',
              'é',
            ),
            fc.string(),
          ),
          { maxLength: 12 },
        ),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
        async (parts, sizes) => {
          const text = parts.join('');
          const bytes = Buffer.from(text, 'utf8');
          const chunks: Buffer[] = [];
          for (let at = 0, i = 0; at < bytes.length; i += 1) {
            const size = sizes[i % sizes.length] ?? 1;
            chunks.push(bytes.subarray(at, at + size));
            at += size;
          }
          let out = '';
          const stream = rewrite.stream();
          stream.on('data', (chunk: Buffer | string) => (out += chunk.toString()));
          await new Promise<void>((resolve, reject) => {
            stream.on('end', resolve).on('error', reject);
            for (const chunk of chunks) stream.write(chunk);
            stream.end();
          });
          expect(out).toBe(rewrite.text(text));
        },
      ),
      { numRuns: 200 },
    );
    expect(rewrite.text('a http://localhost:8082/s b http://example.org:8082/ c')).toBe(
      'a http://127.0.0.1:9/s b http://example.org:8082/ c',
    );
  });
});

describe('the proxy command', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eb-proxy-cmd-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the report of everything it saw when stopped, with check's exit code", async () => {
    const faulty = await startMockBroker({ port: 0, faults: ['below-min'] });
    let stop = (): void => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const reportDir = join(dir, 'report');
    const lines: string[] = [];
    const log = console.log;
    // A block printed in one call is still several lines for a person.
    console.log = (text: string) => void lines.push(...String(text).split('\n'));
    try {
      const running = proxyCommand(
        ['--target', faulty.url, '--port', '0', '--report-dir', reportDir],
        stopped,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = lines.find((line) => line.startsWith('eb-conform proxy: http://')) ?? '';
      const url = /^eb-conform proxy: (\S+)/.exec(started)?.[1] ?? '';
      const created = await create(url);
      await (
        await fetch(created.headers.get('location') ?? '', {
          headers: { accept: 'application/json' },
        })
      ).text();
      stop();
      expect(await running).toBe(1);
    } finally {
      console.log = log;
      await faulty.close();
    }
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as RunResult;
    expect(report.mode).toBe('proxy');
    expect(report.requirements.find((r) => r.id === '/req/matching/cores-min')?.verdict).toBe(
      'FAIL',
    );
    expect(lines.some((line) => line.startsWith('NOT CONFORMANT:'))).toBe(true);
  });

  it('refuses bad options with exit 2', async () => {
    const err = console.error;
    console.error = () => undefined;
    try {
      expect(await proxyCommand([], Promise.resolve())).toBe(2);
      expect(await proxyCommand(['--target', 'ftp://x'], Promise.resolve())).toBe(2);
      expect(
        await proxyCommand(['--target', 'http://x', '--port', 'many'], Promise.resolve()),
      ).toBe(2);
    } finally {
      console.error = err;
    }
  });
});
