// Runs every benchmark in turn, each in its own process so one cannot warm or pollute the
// next, and passes any extra arguments on. Benchmarks print their own figures as ratios
// against a baseline measured side by side; they are never part of `npm test`.
//
//   npm run bench                          # all of them (the soak for 2 minutes only)
//   npm run bench -- calendar              # only those whose file name contains "calendar"
//   npm run bench -- soak --seconds 600    # one of them, with its own arguments
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const runner = join(here, '..', 'bin', 'run-ts.js');
const [filter, ...extra] = process.argv.slice(2);

/**
 * Arguments a bench gets when the whole set runs: the soak's own default is ten minutes, which
 * is for when it is asked for by name.
 */
const IN_THE_SET: Record<string, string[]> = { 'soak.ts': ['--seconds', '120', '--every', '15'] };

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
  const args = filter === undefined ? (IN_THE_SET[bench] ?? []) : extra;
  const result = spawnSync(process.execPath, [runner, join(here, bench), ...args], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${bench} exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
