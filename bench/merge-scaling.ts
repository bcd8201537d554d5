// How `merge` scales with the fleet: N report folders of a realistic size (a passing run with
// its sample of exchanges, about 0.6 MB each), merged into a dashboard. The baseline, measured
// side by side, is the naive merge: parse every report.json and keep them all. The ratios say
// what the checked, summary-keeping merge costs in time, and what it saves in memory.
//
//   node bin/run-ts.js bench/merge-scaling.ts [--brokers 50,200]

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Exchange, RunResult } from '../contract/index.ts';
import { mergeReports, renderReport, selectExchanges } from '../reports/index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const { values } = parseArgs({ options: { brokers: { type: 'string', default: '50,200' } } });
const sizes = values.brokers.split(',').map(Number);

function exchange(n: number): Exchange {
  return {
    id: `x${n}`,
    startedAt: new Date(Date.UTC(2026, 10, 29, 18, 0, 0, n * 7)).toISOString(),
    durationMs: 4,
    request: {
      method: n % 3 === 0 ? 'POST' : 'GET',
      url: `http://broker.example/sessions/00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      headers: { accept: 'application/json' },
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phase: 'OFFERED', filler: 'x'.repeat(1500 + (n % 9) * 300) }),
    },
  };
}

/** One broker's report, as writeReports leaves it: the sample of 2000 recorded exchanges. */
function report(name: string, index: number): string {
  const base = JSON.parse(
    readFileSync(new URL('../fixtures/reports/passing-run.json', import.meta.url), 'utf8'),
  ) as RunResult;
  base.target = `https://${name}.example/`;
  base.exchanges = Array.from({ length: 2000 }, (_, n) => exchange(n));
  const failing = base.requirements[index % base.requirements.length]!;
  failing.verdict = 'FAIL';
  base.outcome = 'non-conformant';
  base.exitCode = 1;
  return renderReport({ ...base, exchanges: selectExchanges(base).exchanges }, 'json');
}

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function time<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

const root = mkdtempSync(join(tmpdir(), 'eb-merge-bench-'));
try {
  for (const n of sizes) {
    const dir = join(root, `fleet-${n}`);
    let bytes = 0;
    for (let i = 0; i < n; i += 1) {
      mkdirSync(join(dir, `broker-${i}`), { recursive: true });
      const text = report(`broker-${i}`, i);
      bytes += text.length;
      writeFileSync(join(dir, `broker-${i}`, 'report.json'), text);
    }
    const files = Array.from({ length: n }, (_, i) => join(dir, `broker-${i}`, 'report.json'));

    // The report schema is compiled once per process: a warm-up merge keeps that out of both.
    mergeReports([files[0]!], { out: root, toolVersion: 'bench' });
    const before = heapMb();
    const naive = time(() =>
      files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as unknown),
    );
    const naiveHeap = heapMb() - before;
    const kept = naive.value.length;
    naive.value.length = 0;

    const start = heapMb();
    const merged = time(() => mergeReports([dir], { out: root, toolVersion: 'bench' }));
    const mergedHeap = heapMb() - start;
    if (merged.value.dashboard.brokers.length !== n || kept !== n)
      throw new Error('the merge did not read every report');

    console.log(`brokers ${n} (${(bytes / n / 1e6).toFixed(2)} MB of report.json each)`);
    console.log(
      `  naive (parse and keep all)  ${naive.ms.toFixed(0)} ms, ${naiveHeap.toFixed(1)} MB kept`,
    );
    console.log(
      `  merge (check, summarise)    ${merged.ms.toFixed(0)} ms, ${mergedHeap.toFixed(1)} MB kept`,
    );
    console.log(
      `  ratio merge/naive           time ${(merged.ms / naive.ms).toFixed(2)}x, memory ${(mergedHeap / naiveHeap).toFixed(3)}x`,
    );
    console.log(`  merge per broker            ${(merged.ms / n).toFixed(1)} ms`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
