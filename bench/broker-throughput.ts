// Create-request throughput of the reference broker, side by side with a bare node:http server
// answering the same 303 and Location for free. Each server runs in its own child process; one
// client (an undici Pool, same connections) drives them in turn, for several alternating rounds
// after a warm-up, so drift in the machine's load falls on both alike.
//
// The calendar is realistic: a broker under steady load holds a bounded live set, because offers
// are taken or lapse and finished things are forgotten. fixtures/platform/bench.yaml gives the
// broker a short offer lifetime and no retention under the real clock, so the bench reaches that
// steady state within a fraction of a second: the offer sets of the last 20 ms or so, with four
// offers and four bookings each, every round alike. Every create still does the whole work: body
// parsing and validation, assessment, the slot search and four bookings in the calendar, the
// expiry of older offers (their capacity is released, their groups forgotten), and the 303. The live counts are printed after each broker
// round, so the reader sees the size of the calendar that was measured. (The default platform,
// with offers living 5 minutes and kept an hour, would instead pile up 100k+ offers during the
// run: a heap growing all run long, not a broker in steady state.)
//
// The broker child is this file run with `--serve`: the same broker and HTTP app that
// `eb-conform mock` starts, plus an IPC channel to report `Broker.live` between rounds.
//
// The median round decides: the machine is shared, so single rounds are noisy. Server CPU per
// request (from /proc) is printed too, as it depends least on what else runs. The whole run is
// bounded by --budget seconds; past it, the children are stopped and the run fails.
//
//   node bin/run-ts.js bench/broker-throughput.ts [--rounds 5] [--seconds 2] [--connections 16]
//   BROKER_NODE_FLAGS=--cpu-prof node bin/run-ts.js bench/broker-throughput.ts   # profile the broker
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { newTally, residentMiB, sendCreates, type Tally } from './support/load.ts';
import { Broker } from '../mock/domain/broker.ts';
import { realClock } from '../mock/domain/clock.ts';
import { parsePlatformConfig } from '../mock/domain/platform.ts';
import { createApp } from '../mock/http/app.ts';
import { wireProfile } from '../mock/http/profiles.ts';
import { listen } from '../mock/server.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '16' },
    config: { type: 'string', default: 'fixtures/platform/bench.yaml' },
    budget: { type: 'string', default: '55' },
    serve: { type: 'boolean', default: false },
  },
});
const ROUNDS = Math.max(1, Number(values.rounds));
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const BUDGET = Number(values.budget);
const CONFIG = values.config;
const GOAL = 0.4;

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

interface Child {
  url: string;
  child: ChildProcess;
}

const children: ChildProcess[] = [];

/** Starts a child that prints its base URL on its first line of output. */
async function startChild(args: string[], ipc = false): Promise<Child> {
  const stdio = ipc ? ['ignore', 'pipe', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: stdio as StdioOptions });
  children.push(child);
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    const line = output.split('\n')[0];
    if (output.includes('\n') && line !== undefined) {
      child.stdout!.resume(); // later output must not fill the pipe and block the child
      return { url: line.trim(), child };
    }
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

async function hammer(url: string, seconds: number): Promise<Tally> {
  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1 });
  const deadline = Date.now() + seconds * 1000;
  const tally = newTally();
  const worker = (): Promise<void> => sendCreates(pool, REQUEST, deadline, () => tally);
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  await pool.close();
  return tally;
}

/** CPU time (user and system, ms) a process has used so far, from /proc; undefined off Linux. */
function cpuMs(pid: number | undefined): { user: number; system: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // Clock ticks are 1/100 s on Linux.
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return undefined;
  }
}

interface Run {
  rate: number;
  /** Server CPU per request, microseconds (user + system), when /proc is there. */
  cpu: number | undefined;
}

type Live = Broker['live'];

/** What the broker child holds right now (asked over IPC, between rounds only). */
async function liveOf(child: ChildProcess): Promise<Live> {
  const answer = once(child, 'message');
  child.send('live');
  const [live] = (await answer) as [Live];
  return live;
}

const liveText = (live: Live): string =>
  `live: ${live.bookings} bookings, ${live.offerSets} offer sets, ${live.sessions} sessions`;

async function measure(name: string, server: Child, round: number): Promise<Run> {
  const before = cpuMs(server.child.pid);
  const { answers: requests, errors, statuses } = await hammer(server.url, SECONDS);
  const after = cpuMs(server.child.pid);
  const rate = requests / SECONDS;
  let cpu: number | undefined;
  let cpuText = '';
  if (before !== undefined && after !== undefined && requests > 0) {
    const user = ((after.user - before.user) * 1000) / requests;
    const system = ((after.system - before.system) * 1000) / requests;
    cpu = user + system;
    cpuText = `  CPU ${cpu.toFixed(0).padStart(4)} us/req (user ${user.toFixed(0)}, sys ${system.toFixed(0)})`;
  }
  console.log(
    `round ${round} ${name.padEnd(6)} ${rate.toFixed(0).padStart(6)} req/s  ${String(errors).padStart(3)} errors  statuses ${[...statuses.keys()].join(',')}${cpuText}`,
  );
  if (server.child.connected) console.log(`        ${liveText(await liveOf(server.child))}`);
  return { rate, cpu };
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/**
 * The broker child: what `startMockBroker` builds (default profile, 303 creates, real clock), kept
 * in hand so the parent can ask for `Broker.live`. SIGTERM ends it cleanly, so --cpu-prof writes.
 */
async function serve(): Promise<void> {
  const platform = parsePlatformConfig(readFileSync(CONFIG, 'utf8'));
  const broker = new Broker({ platform, clock: realClock() });
  let baseUrl = '';
  const app = createApp({
    broker,
    profile: wireProfile('v1.0.7'),
    faults: broker.faults,
    createStatus: 303,
    baseUrl: () => baseUrl,
  });
  const server = await listen(app, '127.0.0.1', 0, (url) => {
    baseUrl = url;
  });
  console.log(server.url);
  process.on('message', () => process.send?.(broker.live));
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

async function drive(): Promise<void> {
  // The run bounds itself: past the budget the children go and the process ends, whatever hangs.
  const watchdog = setTimeout(() => {
    console.error(`broker-throughput: over its ${BUDGET}s budget, stopping`);
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(2);
  }, BUDGET * 1000);
  const loadBefore = load();
  const broker = await startChild(
    [
      // Extra node flags for the broker process only, e.g. BROKER_NODE_FLAGS=--cpu-prof.
      ...(process.env.BROKER_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      'bin/run-ts.js',
      fileURLToPath(import.meta.url),
      '--serve',
      '--config',
      CONFIG,
    ],
    true,
  );
  let bare: Child | undefined;
  try {
    // One create for the Location the bare server will answer with.
    const pool = new Pool(broker.url);
    const answer = await pool.request({
      path: '/requests',
      method: 'POST',
      headers: HEADERS,
      body: REQUEST,
    });
    await answer.body.text();
    await pool.close();
    bare = await startChild(['-e', BARE_SERVER, String(answer.headers.location)]);
    const platform = parsePlatformConfig(readFileSync(CONFIG, 'utf8'));
    console.log(
      `create throughput: ${ROUNDS} alternating rounds of ${SECONDS}s per server after ${WARMUP}s warm-up each, ` +
        `${CONNECTIONS} connections; ${CONFIG}: offers live ${platform.offerLifetime} ms, ` +
        `kept ${platform.retention} ms once final; load average ${loadBefore}`,
    );
    await hammer(bare.url, WARMUP);
    await hammer(broker.url, WARMUP);
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const cpus: { bare: number[]; broker: number[] } = { bare: [], broker: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate which goes first, so a trend in the machine's load favours neither.
      const order = round % 2 === 1 ? (['bare', 'broker'] as const) : (['broker', 'bare'] as const);
      const runs: Partial<Record<'bare' | 'broker', Run>> = {};
      for (const name of order)
        runs[name] = await measure(name, name === 'bare' ? bare : broker, round);
      const { bare: b, broker: k } = runs as Record<'bare' | 'broker', Run>;
      ratios.push(k.rate / b.rate);
      if (b.cpu !== undefined && k.cpu !== undefined) {
        cpuRatios.push(b.cpu / k.cpu);
        cpus.bare.push(b.cpu);
        cpus.broker.push(k.cpu);
      }
    }
    const ratio = median(ratios);
    console.log(
      `throughput ratio broker/bare: median ${(ratio * 100).toFixed(1)}% ` +
        `(rounds ${ratios.map((r) => (r * 100).toFixed(0)).join(' ')}; goal >= ${GOAL * 100}%) ` +
        `${ratio >= GOAL ? 'MET' : 'NOT MET'}`,
    );
    if (cpuRatios.length > 0) {
      console.log(
        `server CPU per create: broker ${median(cpus.broker).toFixed(0)} us, bare ${median(cpus.bare).toFixed(0)} us ` +
          `(bare/broker median ${(median(cpuRatios) * 100).toFixed(1)}%)`,
      );
    }
    const rss = residentMiB(broker.child.pid);
    console.log(
      `load average now ${load()}${rss === undefined ? '' : `; broker resident ${rss.toFixed(0)} MiB`}`,
    );
  } finally {
    await stop(broker.child);
    if (bare !== undefined) await stop(bare.child);
    clearTimeout(watchdog);
  }
}

if (values.serve) await serve();
else await drive();
