// The one order of verdicts, worst first. A requirement's verdict is the worst of its cases, a
// class's the worst of its requirements, and every list a person reads is sorted by it.

import type { Level, Verdict } from './result.ts';

/**
 * Worst first. A FAIL outranks an ERROR: when one case proves the target broke the rule and
 * another broke in the harness, the target's failure is the finding (both fail the gate, and
 * the ERROR case stays listed). INCONCLUSIVE outranks PASS: a requirement is only passed when
 * all of its checks were made.
 */
export const VERDICT_ORDER: readonly Verdict[] = [
  'FAIL',
  'ERROR',
  'WARN',
  'INCONCLUSIVE',
  'PASS',
  'NOT_OBSERVED',
  'NOT_APPLICABLE',
];

/** Negative when `a` is worse than `b`. */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return VERDICT_ORDER.indexOf(a) - VERDICT_ORDER.indexOf(b);
}

export function worstVerdict(verdicts: Iterable<Verdict>): Verdict | undefined {
  let worst: Verdict | undefined;
  for (const verdict of verdicts)
    if (worst === undefined || compareVerdicts(verdict, worst) < 0) worst = verdict;
  return worst;
}

/** FAIL for a MUST, WARN for anything weaker: only MUSTs decide conformance by default. */
export function failureVerdict(level: Level): Verdict {
  return level === 'MUST' ? 'FAIL' : 'WARN';
}

export function emptyCounts(): Record<Verdict, number> {
  return {
    PASS: 0,
    FAIL: 0,
    WARN: 0,
    NOT_APPLICABLE: 0,
    INCONCLUSIVE: 0,
    NOT_OBSERVED: 0,
    ERROR: 0,
  };
}

export function countVerdicts(items: readonly { verdict: Verdict }[]): Record<Verdict, number> {
  const counts = emptyCounts();
  for (const item of items) counts[item.verdict] += 1;
  return counts;
}
