// How the writers speak about the gate's decision (contract/gate.ts decides; this only words
// it): the verdict line, the order problems are listed in, why a run has no usable verdicts.

import {
  compareVerdicts,
  countVerdicts,
  isExpectedFailure,
  staleExpectations,
  uncheckedRequirements,
  VERDICT_ORDER,
  type Level,
  type RequirementResult,
  type RunResult,
} from '../contract/index.ts';

/** Display order of verdicts, worst first (the contract's one order). */
export const VERDICTS = VERDICT_ORDER;

export const OUTCOME_LABEL: Record<RunResult['outcome'], string> = {
  conformant: 'CONFORMANT',
  'non-conformant': 'NOT CONFORMANT',
  incomplete: 'INCOMPLETE',
  unreachable: 'TARGET UNREACHABLE',
  error: 'RUN ERROR',
};

const LEVEL_ORDER: Record<Level, number> = { MUST: 0, SHOULD: 1, MAY: 2, CONVENTION: 3 };

/** Most severe first: verdict, then level, then id, so the worst news is read first. */
export function bySeverity(a: RequirementResult, b: RequirementResult): number {
  return (
    compareVerdicts(a.verdict, b.verdict) ||
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
    counts.NOT_OBSERVED > 0 ? `${counts.NOT_OBSERVED} not observed` : '',
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
  if (result.outcome === 'incomplete') {
    const unchecked = uncheckedRequirements(result).length;
    return `Nothing failed, but ${unchecked} requirement${unchecked === 1 ? '' : 's'} the gate needs could not be checked, so conformance is not established.`;
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
