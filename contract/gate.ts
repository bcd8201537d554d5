// The gate: the one rule that turns requirement verdicts into an outcome and an exit code.
// The runner, `check`, `proxy`, expectations and `merge` all call it, so no two places can
// disagree about what CONFORMANT means.
//
// CONFORMANT is a strong word: every selected MUST (and at --fail-on should, every SHOULD and
// convention) was checked and held. Something that could not be checked (INCONCLUSIVE) never
// hides behind it: with no failure, such a run is INCOMPLETE (exit 4). NOT_APPLICABLE (declared
// absent, or a MAY) and NOT_OBSERVED (offline: nothing in the traffic bears on it) are neutral.

import type { ExitCode, Level, Outcome, RequirementResult, RunResult, Verdict } from './result.ts';

export type FailOn = RunResult['failOn'];

/** Verdicts that say the target did something wrong (or the harness broke). */
const BAD: ReadonlySet<Verdict> = new Set(['FAIL', 'ERROR', 'WARN']);

export function isBad(verdict: Verdict): boolean {
  return BAD.has(verdict);
}

/** An expectations entry excuses a bad verdict; a stale one (target now passes) excuses nothing. */
export function isExpectedFailure(req: RequirementResult): boolean {
  return req.expected !== undefined && !req.expected.stale && isBad(req.verdict);
}

/** Whether a requirement of this level must be checked, and must hold, at this --fail-on level. */
export function gates(level: Level, failOn: FailOn): boolean {
  if (level === 'MUST') return true;
  return failOn === 'should' && level !== 'MAY';
}

/** Does this requirement, on its own, make the run fail at the given --fail-on level? */
export function blocksGate(req: RequirementResult, failOn: FailOn): boolean {
  if (isExpectedFailure(req)) return false;
  if (req.verdict === 'FAIL' || req.verdict === 'ERROR') return true;
  return req.verdict === 'WARN' && failOn === 'should';
}

/** A requirement the gate needed checked that could not be: it keeps a run from CONFORMANT. */
export function isUnchecked(req: RequirementResult, failOn: FailOn): boolean {
  return req.verdict === 'INCONCLUSIVE' && gates(req.level, failOn);
}

export function blockingRequirements(result: RunResult): RequirementResult[] {
  return result.requirements.filter((req) => blocksGate(req, result.failOn));
}

export function uncheckedRequirements(result: RunResult): RequirementResult[] {
  return result.requirements.filter((req) => isUnchecked(req, result.failOn));
}

/** Requirements a reader should look at: every bad verdict, excused or not. */
export function problemRequirements(result: RunResult): RequirementResult[] {
  return result.requirements.filter((req) => isBad(req.verdict));
}

export function staleExpectations(result: RunResult): RequirementResult[] {
  return result.requirements.filter((req) => req.expected?.stale === true);
}

export interface GateInput {
  requirements: readonly RequirementResult[];
  failOn: FailOn;
  allowIncomplete?: boolean;
  /** An outcome decided before any verdict (unreachable target, broken run) stands as it is. */
  outcome?: Outcome;
  exitCode?: ExitCode;
}

/**
 * The outcome and exit code. An unreachable target or a broken run stays what it was: no
 * expectations file can make those green.
 */
export function gateOutcome(input: GateInput): { outcome: Outcome; exitCode: ExitCode } {
  if (input.outcome === 'unreachable')
    return { outcome: 'unreachable', exitCode: input.exitCode ?? 3 };
  if (input.outcome === 'error') return { outcome: 'error', exitCode: input.exitCode ?? 2 };
  if (input.requirements.some((req) => blocksGate(req, input.failOn)))
    return { outcome: 'non-conformant', exitCode: 1 };
  if (input.requirements.some((req) => isUnchecked(req, input.failOn)))
    return { outcome: 'incomplete', exitCode: input.allowIncomplete === true ? 0 : 4 };
  return { outcome: 'conformant', exitCode: 0 };
}
