// Which conformance test file checks which requirement, read from the files themselves (the
// `requirement('/req/...'` call), so selection by class or id works even for a file that
// would fail to load, and a report can name the files that check each requirement.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OBSERVATION_KINDS, type ObservationKind } from '../harness/stateful/observations/kinds.ts';

export const SUITES_DIR = fileURLToPath(new URL('..', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Folders under suites/ that hold helpers, not conformance tests (as in vitest.config.ts). */
const NOT_SUITES = new Set(['harness', 'arbitraries', 'model']);

export interface TestFile {
  /** Path relative to the project root, e.g. suites/matching/cores-min.test.ts. */
  file: string;
  requirements: string[];
  /**
   * The shared observations the file judges, as it declares them
   * (`export const observes = ['expiry'] as const;`). The runner makes them before the file
   * runs (harness/stateful/observations/); a file that declares none never waits for the
   * broker's clock.
   */
  observes: ObservationKind[];
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
/** The file's declaration of what it judges: `export const observes = [...]`. */
const OBSERVES = /^export const observes\s*=\s*\[([^\]]*)\]/m;

function observesOf(source: string, path: string): ObservationKind[] {
  const list = OBSERVES.exec(source)?.[1];
  if (list === undefined) return [];
  const kinds = [...list.matchAll(/['"`]([\w-]+)['"`]/g)].map((match) => match[1] as string);
  const unknown = kinds.filter((kind) => !(OBSERVATION_KINDS as readonly string[]).includes(kind));
  // A typo would silently make the file run before its observation exists.
  if (unknown.length > 0)
    throw new Error(`${path}: unknown observation ${unknown.join(', ')} in \`observes\``);
  return kinds as ObservationKind[];
}

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
        observes: observesOf(source, path),
      });
    }
  }
  return files;
}
