import { describe, expect, it } from 'vitest';
import { discoverTests } from '../../suites/harness/discover.ts';
import { phasesFor } from '../../suites/harness/runner.ts';

describe('files that move a shared control clock run in a phase of their own', () => {
  const tests = discoverTests();
  const files = tests.map((t) => t.file);
  const moving = tests.filter((t) => t.movesClock).map((t) => t.file);

  it('discovery spots the files that let the broker clock run', () => {
    expect(moving).toContain('suites/expiry/offer-expires.test.ts');
    expect(moving).toContain('suites/lifecycle/progresses.test.ts');
    // Model-based runs have wait commands.
    expect(moving).toContain('suites/lifecycle/accept-offered.test.ts');
    expect(moving).not.toContain('suites/offerset/fresh-offers-offered.test.ts');
    expect(moving).not.toContain('suites/matching/cores-min.test.ts');
  });

  it('on a control clock: the others in parallel first, then the clock movers one at a time', () => {
    const phases = phasesFor(tests, files, true);
    expect(phases.map((p) => p.sequential)).toEqual([false, true]);
    expect(phases[1]?.files.sort()).toEqual([...moving].sort());
    expect(phases[0]?.files.some((f) => moving.includes(f))).toBe(false);
    expect(phases.flatMap((p) => p.files).sort()).toEqual([...files].sort());
  });

  it('on a real clock: one parallel phase with every file', () => {
    expect(phasesFor(tests, files, false)).toEqual([{ files, sequential: false }]);
  });

  it('leaves out an empty phase', () => {
    const only = ['suites/matching/cores-min.test.ts'];
    expect(phasesFor(tests, only, true)).toEqual([{ files: only, sequential: false }]);
  });
});
