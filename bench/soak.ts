// Memory under sustained load: `eb-conform mock` with the default platform (as a user starts
// it), and one client sending creates as fast as it can for N seconds. The broker's resident
// memory is sampled every --every seconds; the figure that matters is the ratio of the last
// sample to the first (flat is about 1.0) and the peak against the 300 MiB goal. Creates per
// second and the statuses seen are printed per sample, so a cap that bites (503 + Retry-After)
// shows up as what it is.
//
//   node bin/run-ts.js bench/soak.ts [--seconds 600] [--every 30] [--connections 16] [--goal 300]
//   node bin/run-ts.js bench/soak.ts --seconds 80 --every 10 -- --fault overbook   # extra mock args
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { newTally, residentMiB, sendCreates } from './support/load.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '600' },
    every: { type: 'string', default: '30' },
    connections: { type: 'string', default: '16' },
    goal: { type: 'string', default: '300' },
  },
});
const SECONDS = Number(values.seconds);
const EVERY = Number(values.every);
const CONNECTIONS = Number(values.connections);
const GOAL_MIB = Number(values.goal);
for (const [name, value] of [
  ['seconds', SECONDS],
  ['every', EVERY],
  ['connections', CONNECTIONS],
  ['goal', GOAL_MIB],
] as const) {
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`soak: --${name} must be a positive number`);
    process.exit(2);
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const REQUEST = JSON.stringify({
  executable: {
    kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml',
    image: { locations: ['ghcr.io/eb-conform/soak:1'] },
  },
  compute: {
    kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/compute/simple-compute-resource.yaml',
    cores: { min: 1, max: 2 },
    memory: { min: 1, max: 2 },
  },
  schedule: { requested: { duration: 'PT1H' } },
});

async function startBroker(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['bin/eb-conform.js', 'mock', '--port', '0', '--log', 'none', ...positionals],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    if (output.includes('\n')) {
      child.stdout!.resume();
      return { url: output.split('\n')[0]!.trim(), child };
    }
  }
  throw new Error('the broker exited before printing its URL');
}

async function main(): Promise<void> {
  const { url, child } = await startBroker();
  const watchdog = setTimeout(
    () => {
      console.error('soak: over its time budget, stopping');
      child.kill('SIGKILL');
      process.exit(2);
    },
    (SECONDS + 60) * 1000,
  );
  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1 });
  const started = Date.now();
  const deadline = started + SECONDS * 1000;
  let tally = newTally();
  let total = 0;
  const samples: number[] = [];
  let peak = 0;
  console.log(
    `soak: eb-conform mock ${positionals.join(' ') || '(default platform)'}; ${CONNECTIONS} connections sending creates for ${SECONDS}s, RSS every ${EVERY}s`,
  );
  const sample = (): void => {
    const rss = residentMiB(child.pid);
    if (rss === undefined) return;
    samples.push(rss);
    peak = Math.max(peak, rss);
    total += tally.answers;
    const statuses = [...tally.statuses].map(([status, n]) => `${status} x${n}`).join(', ');
    const elapsed = Math.round((Date.now() - started) / 1000);
    console.log(
      `t=${String(elapsed).padStart(4)}s  RSS ${rss.toFixed(0).padStart(5)} MiB  ${(tally.answers / EVERY).toFixed(0).padStart(6)} creates/s  ${tally.errors} errors  (${statuses || 'none'})`,
    );
    tally = newTally();
  };
  const timer = setInterval(sample, EVERY * 1000);
  const worker = (): Promise<void> => sendCreates(pool, REQUEST, deadline, () => tally);
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  } finally {
    clearInterval(timer);
    await pool.close();
    if (samples.length < 2) sample();
    child.kill('SIGTERM');
    await once(child, 'exit');
    clearTimeout(watchdog);
  }
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined) {
    console.error('soak: no RSS samples (is /proc there?)');
    process.exit(2);
  }
  console.log(
    `${total} creates in ${SECONDS}s (${(total / SECONDS).toFixed(0)}/s); RSS last/first ${(last / first).toFixed(2)} ` +
      `(${first.toFixed(0)} -> ${last.toFixed(0)} MiB), peak ${peak.toFixed(0)} MiB; ` +
      `goal peak < ${GOAL_MIB} MiB ${peak < GOAL_MIB ? 'MET' : 'NOT MET'}`,
  );
  if (peak >= GOAL_MIB) process.exitCode = 1;
}

await main();
