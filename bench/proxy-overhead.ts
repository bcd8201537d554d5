// What `eb-conform proxy` adds to each exchange: the reference broker and the proxy run as
// their own processes, as a user runs them, and one client sends the same conversation mix
// (create, read the offer set, read an offer, reject it) straight to the broker and through the
// proxy, alternating, so both see the same machine load. Prints the latency percentiles of
// both and the p50 the proxy adds; the target is a few milliseconds.
//
//   node bin/run-ts.js bench/proxy-overhead.ts [--rounds N] [--no-finding-headers]

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { executionRequest } from '../suites/harness/requests.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '400' },
    'no-finding-headers': { type: 'boolean', default: false },
  },
});

const BODY = JSON.stringify(
  executionRequest('v1.0.7', {
    image: 'docker.io/library/python:3',
    cores: { min: 1, max: 2 },
    memory: { min: 1, max: 2 },
  }),
);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function start(args: string[], ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/eb-conform.js', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`not ready: ${args.join(' ')}\n${seen}`)),
      30_000,
    );
    const look = (chunk: Buffer): void => {
      seen += chunk.toString();
      if (ready.test(seen)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
  });
}

const agent = new Agent({ connections: 4 });

async function timed(
  method: string,
  url: string,
  body?: string,
): Promise<{ ms: number; status: number; headers: Record<string, unknown>; text: string }> {
  const started = performance.now();
  const answer = await request(url, {
    method: method as 'GET',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    dispatcher: agent,
    ...(body === undefined ? {} : { body }),
  });
  const text = await answer.body.text();
  return {
    ms: performance.now() - started,
    status: answer.statusCode,
    headers: answer.headers,
    text,
  };
}

/** One conversation; its exchange latencies are added to `into`. */
async function converse(base: string, into: number[]): Promise<void> {
  const created = await timed('POST', `${base}/requests`, BODY);
  into.push(created.ms);
  const location = created.headers.location;
  if (typeof location !== 'string') return;
  const set = await timed('GET', location);
  into.push(set.ms);
  const offers = (JSON.parse(set.text) as { offers?: { meta: { url: string } }[] }).offers ?? [];
  const first = offers[0]?.meta.url;
  if (first === undefined) return;
  into.push((await timed('GET', first)).ms);
  for (const offer of offers)
    into.push(
      (
        await timed(
          'POST',
          offer.meta.url,
          JSON.stringify({ kind: 'uri:enum-value-update', path: 'phase', value: 'REJECTED' }),
        )
      ).ms,
    );
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const dir = mkdtempSync(join(tmpdir(), 'eb-bench-proxy-'));
const children: ChildProcess[] = [];
try {
  const brokerPort = await freePort();
  const proxyPort = await freePort();
  children.push(await start(['mock', '--port', String(brokerPort)], /listening|http:\/\//i));
  const broker = `http://127.0.0.1:${brokerPort}`;
  children.push(
    await start(
      [
        'proxy',
        '--target',
        broker,
        '--port',
        String(proxyPort),
        '--report-dir',
        join(dir, 'report'),
        ...(values['no-finding-headers'] ? ['--no-finding-headers'] : []),
      ],
      /eb-conform proxy: http/,
    ),
  );
  const proxy = `http://127.0.0.1:${proxyPort}`;
  const direct: number[] = [];
  const through: number[] = [];
  // Warm both paths (JIT, connections, the proxy's validators) before measuring.
  for (let i = 0; i < 20; i += 1) {
    await converse(broker, []);
    await converse(proxy, []);
  }
  const rounds = Number(values.rounds);
  for (let i = 0; i < rounds; i += 1) {
    await converse(broker, direct);
    await converse(proxy, through);
  }
  const a = [...direct].sort((x, y) => x - y);
  const b = [...through].sort((x, y) => x - y);
  const row = (name: string, s: number[]) =>
    `${name.padEnd(14)} p50 ${percentile(s, 50).toFixed(2)} ms  p95 ${percentile(s, 95).toFixed(2)} ms  p99 ${percentile(s, 99).toFixed(2)} ms  (${s.length} exchanges)`;
  console.log(row('direct', a));
  console.log(row('through proxy', b));
  const added = percentile(b, 50) - percentile(a, 50);
  console.log(
    `added p50      ${added.toFixed(2)} ms (${(percentile(b, 50) / percentile(a, 50)).toFixed(2)}x the direct p50; target: a few ms)`,
  );
  console.log(`added p95      ${(percentile(b, 95) - percentile(a, 95)).toFixed(2)} ms`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await agent.close();
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dir, { recursive: true, force: true });
}
