// contract/: the shapes and rules every layer shares (the result model, the verdict order and
// the gate). It imports nothing of the project's, so suites/, reports/ and cli/ can all use
// it without importing each other.

export { REPORT_VERSION } from './result.ts';
export type {
  CapacitySample,
  CaseResult,
  ClassResult,
  Coverage,
  Evidence,
  Exchange,
  ExitCode,
  Level,
  Outcome,
  RequirementResult,
  RunResult,
  TimelineEntry,
  Verdict,
} from './result.ts';
export {
  compareVerdicts,
  countVerdicts,
  emptyCounts,
  failureVerdict,
  VERDICT_ORDER,
  worstVerdict,
} from './verdicts.ts';
export {
  blockingRequirements,
  blocksGate,
  gateOutcome,
  gates,
  isBad,
  isExpectedFailure,
  isUnchecked,
  problemRequirements,
  staleExpectations,
  uncheckedRequirements,
  type FailOn,
  type GateInput,
} from './gate.ts';
