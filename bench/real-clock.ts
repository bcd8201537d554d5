// What a full run costs against a broker on a real clock: the reference broker runs in its own
// process without a control clock, with offers living PT1M and then PT5M, and the whole suite
// runs against it with a declaration (capacity and lifetime), as an implementer would run it.
// Printed per lifetime: the run time, its ratio to the offer lifetime (the baseline: no run
// that checks expiry can be shorter than one lifetime), the time beyond the lifetime, and how
// many requirements the gate needed but could not check.
//
//   node bin/run-ts.js bench/real-clock.ts [--lifetimes PT1M,PT5M] [--runs 20] [--fail-on must]
//
// Not a test: it takes about seven minutes with the default lifetimes.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isUnchecked } from '../contract/index.ts';
import type { RunResult } from '../contract/result.ts';
import { durationMs } from '../suites/history/time.ts';

const { values } = parseArgs({
  options: {
    lifetimes: { type: 'string', default: 'PT1M,PT5M' },
    runs: { type: 'string', default: '20' },
    'fail-on': { type: 'string', default: 'must' },
  },
});

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'eb-conform.js');
const dir = mkdtempSync(join(tmpdir(), 'eb-bench-real-clock-'));

/** Starts `eb-conform mock` on a free port with the given platform file; resolves its URL. */
async function startBroker(config: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [cli, 'mock', '--port', '0', '--config', config], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  for await (const chunk of child.stdout) {
    text += String(chunk);
    const url = /https?:\/\/[\d.]+:\d+/.exec(text)?.[0];
    if (url !== undefined)
      return {
        url,
        stop: async () => {
          child.kill('SIGTERM');
          await once(child, 'exit');
        },
      };
  }
  throw new Error(`the broker did not start: ${text}`);
}

async function runSuite(target: string, declaration: string, reportDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      cli,
      'run',
      '--target',
      target,
      '--declare',
      declaration,
      '--runs',
      values.runs,
      '--fail-on',
      values['fail-on'],
      '--report-dir',
      reportDir,
      '--progress',
      'none',
      '--quiet',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  await once(child, 'exit');
  return (performance.now() - started) / 1000;
}

try {
  console.log('lifetime  run time  run/lifetime  beyond lifetime  unchecked  outcome');
  for (const lifetime of values.lifetimes.split(',')) {
    const seconds = (durationMs(lifetime) ?? NaN) / 1000;
    if (!Number.isFinite(seconds)) throw new Error(`--lifetimes: "${lifetime}" is not a duration`);
    const config = join(dir, `platform-${lifetime}.yaml`);
    writeFileSync(config, `offerLifetime: ${lifetime}\n`);
    const declaration = join(dir, `declare-${lifetime}.yaml`);
    writeFileSync(
      declaration,
      `capacity: { cores: 64, memory: 256, storage: 2048 }\nofferLifetime: ${lifetime}\n`,
    );
    const broker = await startBroker(config);
    const reportDir = join(dir, `report-${lifetime}`);
    let took: number;
    try {
      took = await runSuite(broker.url, declaration, reportDir);
    } finally {
      await broker.stop();
    }
    const result = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunResult;
    const unchecked = result.requirements.filter((req) => isUnchecked(req, result.failOn));
    console.log(
      [
        lifetime.padEnd(8),
        `${took.toFixed(0)} s`.padStart(8),
        (took / seconds).toFixed(2).padStart(12),
        `${(took - seconds).toFixed(0)} s`.padStart(15),
        String(unchecked.length).padStart(9),
        ` ${result.outcome} (exit ${result.exitCode})`,
      ].join('  '),
    );
    for (const req of unchecked) console.log(`          unchecked: ${req.id}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
