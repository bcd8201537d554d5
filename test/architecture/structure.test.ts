// The shape of the code, kept true by tests: small files with one job, no import cycles, no
// project file imported by a computed path (the type checker cannot see those), and layers
// that `npm run lint` enforces, shown here to bite.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_FOLDERS = [
  'bin',
  'bench',
  'cli',
  'contract',
  'mock',
  'proxy',
  'reports',
  'spec',
  'spec-tools',
  'suites',
];
const MAX_LINES = 400;

function sources(folder: string): string[] {
  const path = join(ROOT, folder);
  let names: string[];
  try {
    names = readdirSync(path);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = join(path, name);
    if (statSync(full).isDirectory()) return sources(join(folder, name));
    return /\.(ts|js)$/.test(name) && !name.endsWith('.test.ts') ? [join(folder, name)] : [];
  });
}

const FILES = SOURCE_FOLDERS.flatMap(sources);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) =>
    relative(ROOT, resolve(dirname(join(ROOT, file)), match[1] as string)),
  );
}

describe('the shape of the code', () => {
  it(`keeps every source file at most ${MAX_LINES} lines`, () => {
    const long = FILES.map(
      (file) => [file, readFileSync(join(ROOT, file), 'utf8').split('\n').length] as const,
    )
      .filter(([, lines]) => lines > MAX_LINES + 1)
      .map(([file, lines]) => `${file} (${lines})`);
    expect(long).toEqual([]);
  });

  it('has no import cycle', () => {
    const graph = new Map(
      FILES.map((file) => [file, importsOf(file).filter((to) => FILES.includes(to))]),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (file: string, path: string[]): void => {
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open')
          cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '));
        else if (state.get(next) === undefined) walk(next, [...path, next]);
      }
      state.set(file, 'done');
    };
    for (const file of FILES) if (state.get(file) === undefined) walk(file, [file]);
    expect(cycles).toEqual([]);
  });

  it('imports project files by computed path only in the command table', () => {
    const dynamic = FILES.filter((file) => file !== 'cli/main.ts' && !file.startsWith('bin/'))
      .filter((file) =>
        /await import\(\s*(?!['"](?:vitest|node:)[^'"]*['"])/.test(
          readFileSync(join(ROOT, file), 'utf8'),
        ),
      )
      .filter((file) =>
        /import\(\s*(?:['"]\.|[a-zA-Z_.]+\.href|url)/.test(readFileSync(join(ROOT, file), 'utf8')),
      );
    expect(dynamic).toEqual([]);
  });
});

describe('npm run lint enforces the layers', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const wrong: [string, string][] = [
    ['mock/http/x.ts', "import { runSuites } from '../../suites/runner/run-suites.ts';"],
    ['mock/domain/x.ts', "import { createApp } from '../http/app.ts';"],
    ['suites/harness/x.ts', "import { writeReports } from '../../reports/index.ts';"],
    ['suites/harness/x.ts', "import { startMockBroker } from '../../mock/index.ts';"],
    ['suites/history/x.ts', "import { isTerminal } from '../../mock/domain/phases.ts';"],
    ['suites/model/x.ts', "import { createApp } from '../../mock/http/app.ts';"],
    ['reports/x.ts', "import { collect } from '../suites/runner/collect.ts';"],
    ['spec/x.ts', "import { gateOutcome } from '../contract/index.ts';"],
    ['contract/x.ts', "import { loadSpec } from '../spec/index.ts';"],
  ];
  for (const [file, line] of wrong) {
    it(`refuses in ${file}: ${line}`, async () => {
      const [result] = await eslint.lintText(`${line}\nexport { };\n`, {
        filePath: join(ROOT, file),
      });
      expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    });
  }

  it('allows what the layers allow', async () => {
    const [result] = await eslint.lintText(
      "import { isTerminal } from '../../mock/domain/phases.ts';\nexport const t = isTerminal;\n",
      { filePath: join(ROOT, 'suites/model/x.ts') },
    );
    expect(result?.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});
