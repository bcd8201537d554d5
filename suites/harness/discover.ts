// Which conformance test file checks which requirement, read from the files themselves (the
// `requirement('/req/...'` call), so selection by class or id works even for a file that
// would fail to load, and a report can name the files that check each requirement.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUITES_DIR = fileURLToPath(new URL('..', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Folders under suites/ that hold helpers, not conformance tests (as in vitest.config.ts). */
const NOT_SUITES = new Set(['harness', 'arbitraries', 'model']);

export interface TestFile {
  /** Path relative to the project root, e.g. suites/matching/cores-min.test.ts. */
  file: string;
  requirements: string[];
  /**
   * Whether the file lets the broker's clock run (a control-clock advance, a model run with
   * wait commands, a poll that steps time). On a shared control clock such files would expire
   * other files' offers under them, so the runner gives them a phase of their own.
   */
  movesClock: boolean;
}

function walk(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...walk(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const DECLARATION = /requirement\(\s*['"`](\/req\/[^'"`]+)['"`]/g;
const CONSTANT = /const\s+ID\s*=\s*['"`](\/req\/[^'"`]+)['"`]/g;
/** The helpers that move a control clock (suites/harness/stateful/scenario.ts, clock.ts, the port's pass). */
const CLOCK_MOVERS = /\b(?:passUntil|pollSession|modelOptions|runModel|advance)\(|\.pass\(/;

export function discoverTests(suitesDir = SUITES_DIR): TestFile[] {
  const files: TestFile[] = [];
  for (const entry of readdirSync(suitesDir).sort()) {
    const dir = join(suitesDir, entry);
    if (NOT_SUITES.has(entry) || !statSync(dir).isDirectory()) continue;
    for (const path of walk(dir)) {
      const source = readFileSync(path, 'utf8');
      const ids = new Set(
        [...source.matchAll(DECLARATION), ...source.matchAll(CONSTANT)].map(
          (match) => match[1] as string,
        ),
      );
      files.push({
        file: relative(PROJECT_ROOT, path),
        requirements: [...ids],
        movesClock: CLOCK_MOVERS.test(source),
      });
    }
  }
  return files;
}
