import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../suites/harness/catalogue.ts';
import { discoverTests, PROJECT_ROOT } from '../../suites/runner/discover.ts';
import { NOT_TESTABLE } from '../../suites/runner/not-testable.ts';

const tests = discoverTests();
const ids = new Set(catalogue().map((r) => r.id));

describe('requirement coverage', () => {
  it('every conformance test file declares exactly one requirement, and it is in the catalogue', () => {
    const wrong = tests.filter(
      (t) => t.requirements.length !== 1 || !ids.has(t.requirements[0] ?? ''),
    );
    expect(
      wrong.map((t) => `${t.file}: ${t.requirements.join(', ') || 'no requirement() call'}`),
    ).toEqual([]);
  });

  it('every test file sits in the folder of its requirement class', () => {
    const misplaced = tests.filter((t) => {
      const cls = catalogue().find((r) => r.id === t.requirements[0])?.class;
      return (
        cls !== undefined &&
        !t.file.startsWith(`suites/${cls}/`) &&
        !t.file.startsWith('suites/model/') &&
        !t.file.startsWith('suites/history/')
      );
    });
    expect(misplaced.map((t) => t.file)).toEqual([]);
  });

  it('lists only catalogue requirements as not testable, and none that a test checks', () => {
    const checked = new Set(tests.flatMap((t) => t.requirements));
    for (const id of Object.keys(NOT_TESTABLE)) {
      expect(ids.has(id), id).toBe(true);
      expect(checked.has(id), `${id} is checked by a test`).toBe(false);
    }
  });

  it('covers every requirement of the classes this harness owns with a test or a reason', () => {
    const owned = new Set([
      'schema',
      'offerset',
      'matching',
      'negotiation',
      'robustness',
      'direct',
    ]);
    const checked = new Set(tests.flatMap((t) => t.requirements));
    const missing = catalogue().filter(
      (r) => owned.has(r.class) && !checked.has(r.id) && NOT_TESTABLE[r.id] === undefined,
    );
    expect(missing.map((r) => r.id)).toEqual([]);
  });

  it('names every test file for a behaviour, in kebab-case', () => {
    for (const t of tests) expect(t.file).toMatch(/\/[a-z0-9]+(?:-[a-z0-9]+)*\.test\.ts$/);
    expect(readFileSync(join(PROJECT_ROOT, 'vitest.config.ts'), 'utf8')).toContain(
      'cli/targets/vitest-setup.ts',
    );
  });
});
