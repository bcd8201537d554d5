// The pass/fail decision every writer must agree on. The runner sets `outcome` and `exitCode`;
// expectations can change them afterwards, so the rule lives here once and the writers only
// read its answers.

import type { Level, RequirementResult, RunResult, Verdict } from '../suites/harness/result.ts';

export const VERDICTS: readonly Verdict[] = [
  'FAIL',
  'ERROR',
  'WARN',
  'INCONCLUSIVE',
  'NOT_APPLICABLE',
  'PASS',
];

/** Verdicts that mean "the target did something wrong" (before the --fail-on level is applied). */
const BAD: ReadonlySet<Verdict> = new Set(['FAIL', 'ERROR', 'WARN']);

export function isBad(verdict: Verdict): boolean {
  return BAD.has(verdict);
}

/** An expectations entry excuses a bad verdict; a stale one (target now passes) excuses nothing. */
export function isExpectedFailure(req: RequirementResult): boolean {
  return req.expected !== undefined && !req.expected.stale && isBad(req.verdict);
}

/** Does this requirement, on its own, make the run fail at the given --fail-on level? */
export function blocksGate(req: RequirementResult, failOn: RunResult['failOn']): boolean {
  if (isExpectedFailure(req)) return false;
  if (req.verdict === 'FAIL' || req.verdict === 'ERROR') return true;
  return req.verdict === 'WARN' && failOn === 'should';
}

export function blockingRequirements(result: RunResult): RequirementResult[] {
  return result.requirements.filter((req) => blocksGate(req, result.failOn));
}

/** Requirements a reader should look at: every bad verdict, excused or not. */
export function problemRequirements(result: RunResult): RequirementResult[] {
  return result.requirements.filter((req) => isBad(req.verdict));
}

export function staleExpectations(result: RunResult): RequirementResult[] {
  return result.requirements.filter((req) => req.expected?.stale === true);
}

export function countVerdicts(requirements: readonly RequirementResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = {
    PASS: 0,
    FAIL: 0,
    WARN: 0,
    NOT_APPLICABLE: 0,
    INCONCLUSIVE: 0,
    ERROR: 0,
  };
  for (const req of requirements) counts[req.verdict] += 1;
  return counts;
}

/**
 * The outcome once expectations are taken into account. An unreachable target or a broken run
 * stays what it was: no expectations file can make those green.
 */
export function gateOutcome(result: RunResult): Pick<RunResult, 'outcome' | 'exitCode'> {
  if (result.outcome === 'unreachable' || result.outcome === 'error') {
    return { outcome: result.outcome, exitCode: result.exitCode };
  }
  return blockingRequirements(result).length > 0
    ? { outcome: 'non-conformant', exitCode: 1 }
    : { outcome: 'conformant', exitCode: 0 };
}

export const OUTCOME_LABEL: Record<RunResult['outcome'], string> = {
  conformant: 'CONFORMANT',
  'non-conformant': 'NOT CONFORMANT',
  unreachable: 'TARGET UNREACHABLE',
  error: 'RUN ERROR',
};

const LEVEL_ORDER: Record<Level, number> = { MUST: 0, SHOULD: 1, MAY: 2, CONVENTION: 3 };

/** Most severe first: verdict, then level, then id, so the worst news is read first. */
export function bySeverity(a: RequirementResult, b: RequirementResult): number {
  return (
    VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) ||
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    a.id.localeCompare(b.id)
  );
}

/** The counts behind the outcome, e.g. "52/61 requirements pass, 3 fail (profile v1.0.7, ...)". */
export function verdictDetails(result: RunResult): string {
  // An excused failure is counted once, as expected, so "CONFORMANT: ... 1 fail" never appears.
  const counts = countVerdicts(result.requirements.filter((req) => !isExpectedFailure(req)));
  const expected = result.requirements.filter(isExpectedFailure).length;
  const stale = staleExpectations(result).length;
  const parts = [
    `${counts.PASS}/${result.requirements.length} requirements pass`,
    counts.FAIL > 0 ? `${counts.FAIL} fail` : '',
    counts.ERROR > 0 ? `${counts.ERROR} error` : '',
    counts.WARN > 0 ? `${counts.WARN} warn` : '',
    expected > 0 ? `${expected} expected failure${expected === 1 ? '' : 's'}` : '',
    stale > 0 ? `${stale} stale expectation${stale === 1 ? '' : 's'}` : '',
    counts.NOT_APPLICABLE > 0 ? `${counts.NOT_APPLICABLE} not applicable` : '',
    counts.INCONCLUSIVE > 0 ? `${counts.INCONCLUSIVE} inconclusive` : '',
  ].filter((part) => part !== '');
  const counted =
    result.requirements.length === 0 ? 'no requirement was checked' : parts.join(', ');
  return `${counted} (profile ${result.profile}, fail-on ${result.failOn})`;
}

/** One line that says it all, shared by the Markdown heading and the CLI. */
export function verdictLine(result: RunResult): string {
  return `${OUTCOME_LABEL[result.outcome]}: ${verdictDetails(result)}`;
}

/** Why a run has no usable verdicts, for the writers to say first; undefined for a normal run. */
export function runProblem(result: RunResult): string | undefined {
  if (result.outcome === 'unreachable') {
    return `The target ${result.target} could not be reached, so nothing about its conformance is known.`;
  }
  if (result.outcome === 'error') {
    return 'The conformance run itself failed before it could finish; the verdicts below are incomplete.';
  }
  return undefined;
}

/** Exchanges that got no answer: the evidence for an unreachable target. */
export function transportFailures(result: RunResult): RunResult['exchanges'] {
  return result.exchanges.filter((exchange) => exchange.response === undefined);
}

export function runDurationSeconds(result: RunResult): number {
  const ms = Date.parse(result.endedAt) - Date.parse(result.startedAt);
  return Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0;
}
