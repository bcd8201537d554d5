// Create-request throughput of the reference broker, side by side with a bare node:http server
// answering a fixed body of the same size. Both run in child processes; the load comes from
// an undici Pool with fixed concurrency, for a fixed time after a warm-up. The calendar is
// realistic: a few hundred live bookings before the run, and every answered create adds more.
//
//   node bin/run-ts.js bench/broker-throughput.ts [--seconds 5] [--connections 16]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '16' },
    bookings: { type: 'string', default: '300' },
  },
});
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const BOOKINGS = Number(values.bookings);

const root = fileURLToPath(new URL('..', import.meta.url));
const DOCKER =
  'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml';
const COMPUTE =
  'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/compute/simple-compute-resource.yaml';
const REQUEST = JSON.stringify({
  executable: { kind: DOCKER, image: { locations: ['ghcr.io/eb-conform/bench:1'] } },
  compute: { kind: COMPUTE, cores: { min: 2, max: 4 }, memory: { min: 4, max: 8 } },
  schedule: { requested: { duration: 'PT1H' } },
});
const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/** Starts a child that prints its base URL on its first line of output. */
async function startChild(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    const line = output.split('\n')[0];
    if (output.includes('\n') && line !== undefined) return { url: line.trim(), child };
  }
  throw new Error(`child ${args.join(' ')} exited before printing its URL`);
}

/** The bare server answers exactly as the broker does (303, a Location, an empty body), for free. */
const BARE_SERVER = `
const http = require('node:http');
const location = process.argv[1];
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(303, { location, 'content-length': 0 });
    res.end();
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
`;

async function hammer(
  url: string,
  path: string,
  seconds: number,
): Promise<{ requests: number; errors: number; statuses: Set<number> }> {
  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1 });
  const deadline = Date.now() + seconds * 1000;
  let requests = 0;
  let errors = 0;
  const statuses = new Set<number>();
  const worker = async (): Promise<void> => {
    while (Date.now() < deadline) {
      try {
        const answer = await pool.request({
          path,
          method: 'POST',
          headers: HEADERS,
          body: REQUEST,
        });
        await answer.body.text();
        statuses.add(answer.statusCode);
        requests++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  await pool.close();
  return { requests, errors, statuses };
}

/** CPU time (user + system, ms) a process has used so far, from /proc; undefined off Linux. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks are 1/100 s on Linux
  } catch {
    return undefined;
  }
}

/**
 * Requests per second, and the server's own CPU time per request: on a shared machine the
 * second figure is the steadier one, as it does not depend on what else is running.
 */
async function measure(
  name: string,
  url: string,
  path: string,
  pid: number | undefined,
): Promise<{ rate: number; cpu: number | undefined }> {
  await hammer(url, path, WARMUP);
  const before = cpuMs(pid);
  const { requests, errors, statuses } = await hammer(url, path, SECONDS);
  const after = cpuMs(pid);
  const rate = requests / SECONDS;
  const cpu =
    before === undefined || after === undefined ? undefined : ((after - before) * 1000) / requests;
  const cpuText = cpu === undefined ? '' : `, server CPU ${cpu.toFixed(0)} us/request`;
  console.log(
    `${name.padEnd(12)} ${rate.toFixed(0).padStart(7)} req/s  (${requests} requests, ${errors} errors, statuses ${[...statuses].join(',')}${cpuText})`,
  );
  return { rate, cpu };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

const broker = await startChild([
  // Extra node flags for the broker process only, e.g. BROKER_NODE_FLAGS=--max-semi-space-size=64.
  ...(process.env.BROKER_NODE_FLAGS ?? '').split(' ').filter(Boolean),
  'bin/eb-conform.js',
  'mock',
  '--port',
  '0',
  '--config',
  'fixtures/platform/bench.yaml',
]);
let bare: { url: string; child: ChildProcess } | undefined;
try {
  // A realistic calendar: a few hundred live offers before measuring.
  const pool = new Pool(broker.url, { connections: 4 });
  let location = '';
  for (let booked = 0; booked < BOOKINGS; booked += 4) {
    const answer = await pool.request({
      path: '/requests',
      method: 'POST',
      headers: HEADERS,
      body: REQUEST,
    });
    await answer.body.text();
    location = String(answer.headers.location);
  }
  await pool.close();
  bare = await startChild(['-e', BARE_SERVER, location]);
  console.log(
    `create throughput, ${CONNECTIONS} connections, ${SECONDS}s after ${WARMUP}s warm-up, ${BOOKINGS}+ live bookings`,
  );
  const bareRun = await measure('bare server', bare.url, '/requests', bare.child.pid);
  const brokerRun = await measure('broker', broker.url, '/requests', broker.child.pid);
  console.log(
    `throughput ratio broker/bare: ${((brokerRun.rate / bareRun.rate) * 100).toFixed(1)}% (goal >= 40%)`,
  );
  if (bareRun.cpu !== undefined && brokerRun.cpu !== undefined) {
    console.log(
      `CPU-per-request ratio bare/broker: ${((bareRun.cpu / brokerRun.cpu) * 100).toFixed(1)}%`,
    );
  }
} finally {
  await stop(broker.child);
  if (bare !== undefined) await stop(bare.child);
}
