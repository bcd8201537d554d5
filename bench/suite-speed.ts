// How fast a full default run against the built-in broker is: wall time, generated cases and
// cases per second. A benchmark, not a test: the numbers depend on the machine.
//
//   node bin/run-ts.js bench/suite-speed.ts [--runs N] [--seed N] [--classes a,b] [--fault NAME]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runConformance } from '../cli/conform/index.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    classes: { type: 'string' },
    fault: { type: 'string', multiple: true },
    verbose: { type: 'boolean' },
  },
});

const reportDir = mkdtempSync(join(tmpdir(), 'eb-conform-bench-'));
const started = performance.now();
try {
  const outcome = await runConformance({
    reportDir,
    seed: values.seed === undefined ? 1 : Number(values.seed),
    ...(values.runs === undefined ? {} : { runs: Number(values.runs) }),
    ...(values.classes === undefined ? {} : { classes: values.classes.split(',') }),
    ...(values.fault === undefined ? {} : { fault: values.fault }),
  });
  const seconds = (performance.now() - started) / 1000;
  const { result } = outcome;
  const counts = new Map<string, number>();
  for (const req of result.requirements)
    counts.set(req.verdict, (counts.get(req.verdict) ?? 0) + 1);
  console.log(`run time        ${seconds.toFixed(1)} s`);
  console.log(`generated cases ${outcome.generated}`);
  console.log(`cases/second    ${(outcome.generated / seconds).toFixed(1)}`);
  console.log(`exchanges kept  ${result.exchanges.length}`);
  console.log(`outcome         ${result.outcome} (exit ${result.exitCode})`);
  console.log(`verdicts        ${[...counts].map(([verdict, n]) => `${verdict} ${n}`).join(', ')}`);
  if (values.verbose === true) {
    for (const req of result.requirements.filter((r) => r.verdict !== 'PASS')) {
      const why = req.cases.flatMap((c) => c.evidence.map((e) => e.message)).join(' | ');
      console.log(`  ${req.verdict.padEnd(14)} ${req.id}  ${why.slice(0, 240)}`);
    }
  }
} finally {
  rmSync(reportDir, { recursive: true, force: true });
}
