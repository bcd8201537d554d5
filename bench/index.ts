// Runs every benchmark in turn, each in its own process so one cannot warm or pollute the
// next, and passes any extra arguments on. Benchmarks print their own figures as ratios
// against a baseline measured side by side; they are never part of `npm test`.
//
//   npm run bench                 # all of them
//   npm run bench -- calendar     # only those whose file name contains "calendar"
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const runner = join(here, '..', 'bin', 'run-ts.js');
const filter = process.argv[2];

const benches = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .filter((name) => filter === undefined || name.includes(filter))
  .sort();

if (benches.length === 0) {
  console.error(`no benchmark matches "${filter}"`);
  process.exit(2);
}

let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  const result = spawnSync(process.execPath, [runner, join(here, bench)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${bench} exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
