import { describe, expect, it } from 'vitest';
import { discoverTests } from '../../suites/runner/discover.ts';
import { planPhases } from '../../suites/runner/vitest-phases.ts';

describe('files that judge shared observations run after them, in a phase of their own', () => {
  const tests = discoverTests();
  const files = tests.map((t) => t.file);
  const judging = tests.filter((t) => t.observes.length > 0).map((t) => t.file);

  it('discovery reads what each file declares it observes', () => {
    const of = (file: string) => tests.find((t) => t.file === file)?.observes;
    expect(of('suites/expiry/offer-expires.test.ts')).toEqual(['expiry']);
    expect(of('suites/lifecycle/progresses.test.ts')).toEqual(['progress']);
    // Model-based runs are observations too (their waits move a control clock).
    expect(of('suites/lifecycle/accept-offered.test.ts')).toEqual(['model']);
    expect(of('suites/offerset/fresh-offers-offered.test.ts')).toEqual([]);
    expect(of('suites/matching/cores-min.test.ts')).toEqual([]);
  });

  it('splits the files into free and judging ones, and names each observation once', () => {
    const plan = planPhases(tests, files);
    expect(plan.judging.sort()).toEqual([...judging].sort());
    expect(plan.free.some((f) => judging.includes(f))).toBe(false);
    expect([...plan.free, ...plan.judging].sort()).toEqual([...files].sort());
    const keys = plan.observations.map((k) => `${k.kind}:${k.requirement ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('expiry:');
    expect(keys).toContain('model:/req/lifecycle/accept-offered');
  });

  it('makes no observation a selection does not need', () => {
    const only = ['suites/matching/cores-min.test.ts'];
    expect(planPhases(tests, only)).toEqual({ free: only, judging: [], observations: [] });
  });
});
