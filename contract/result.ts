// The result model of one conformance run (live, offline check or proxy): what suites/
// produces and what every report writer (reports/) consumes. report.json is this object
// serialised; its JSON Schema lives in reports/report.schema.json and must be kept in step with
// these types (bump REPORT_VERSION on any incompatible change).

export const REPORT_VERSION = '1.1';

/**
 * Outcome of one requirement, or of one case within it.
 * - NOT_APPLICABLE: the target declared it lacks an optional feature, or the requirement is a MAY.
 * - INCONCLUSIVE: a MUST or SHOULD that could not be checked; the evidence says what would make it checkable.
 * - NOT_OBSERVED: offline only (check, proxy): nothing in the traffic bears on it.
 */
export type Verdict =
  'PASS' | 'FAIL' | 'WARN' | 'NOT_APPLICABLE' | 'INCONCLUSIVE' | 'NOT_OBSERVED' | 'ERROR';

export type Level = 'MUST' | 'SHOULD' | 'MAY' | 'CONVENTION';

/** One recorded HTTP exchange. Bodies are kept as text (truncated past the size cap). */
export interface Exchange {
  id: string; // unique within the run, e.g. "x42"
  startedAt: string; // ISO 8601 instant
  durationMs: number;
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
  };
  /** Absent when no response arrived (timeout, connection refused...). */
  response?: {
    status: number;
    headers: Record<string, string>;
    body?: string;
    truncated?: boolean;
  };
  /** Transport-level failure, e.g. "timeout after 10000 ms", "ECONNREFUSED". */
  error?: string;
}

/** Why a requirement got its verdict: a message plus the exchanges that show it. */
export interface Evidence {
  message: string;
  /** JSON pointer into the response body, when the finding is about one place in it. */
  pointer?: string;
  exchangeIds: string[];
  /** The shrunk counterexample (a request document, or a command sequence), when generated. */
  counterexample?: unknown;
  /** fast-check seed and path that reproduce the counterexample. */
  seed?: number;
  path?: string;
}

/** One case run for a requirement (a fixed scenario or one generated property run). */
export interface CaseResult {
  id: string; // stable within the report, e.g. "/req/matching/cores-min#3"
  name: string;
  verdict: Verdict;
  evidence: Evidence[];
  durationMs: number;
}

export interface RequirementResult {
  id: string;
  class: string;
  level: Level;
  source: string;
  statement: string;
  verdict: Verdict;
  /** Set when an expectations file lists this requirement as a known failure. */
  expected?: { reason: string; stale: boolean };
  cases: CaseResult[];
  /** Test files that check this requirement. */
  checkedBy: string[];
}

export interface ClassResult {
  name: string;
  verdict: Verdict;
  counts: Record<Verdict, number>;
}

export interface Coverage {
  total: number;
  covered: number;
  /** Requirements with no check yet, each with the reason it cannot be tested. */
  notTestable: { id: string; reason: string }[];
}

/** A capacity sample: what was held at an instant (for the capacity chart). */
export interface CapacitySample {
  at: string;
  cores: number;
  memory: number;
  storage: number;
}

/** An offer or session seen during the run, with its phase history (for the timeline chart). */
export interface TimelineEntry {
  sessionUuid: string;
  offersetUuid?: string;
  requestedWindows: { start: string; end: string }[];
  slot?: { start: string; end: string };
  phases: { phase: string; at: string }[];
}

/**
 * - conformant: every selected MUST (and SHOULD at --fail-on should) was checked and passed
 * - non-conformant: a requirement failed at the --fail-on level, or the harness broke (ERROR)
 * - incomplete: nothing failed, but a MUST (or SHOULD at --fail-on should) could not be checked
 * - unreachable: the target did not answer, or is not an ExecutionBroker
 * - error: the run itself failed before it could finish
 */
export type Outcome = 'conformant' | 'non-conformant' | 'incomplete' | 'unreachable' | 'error';

/** 0 conformant, 1 failed, 2 usage or configuration, 3 unreachable, 4 incomplete. */
export type ExitCode = 0 | 1 | 2 | 3 | 4;

export interface RunResult {
  reportVersion: string;
  tool: { name: 'eb-conform'; version: string };
  target: string; // base URL
  builtIn: boolean; // true when the target was the built-in reference broker
  profile: string;
  specHash: string; // sha256 of the bundled spec used for validation
  seed: number;
  runs: number; // property runs per generated requirement
  startedAt: string;
  endedAt: string;
  failOn: 'must' | 'should';
  /** With --allow-incomplete an incomplete run exits 0 (its outcome still says incomplete). */
  allowIncomplete?: boolean;
  /** How the verdicts were reached: a live run, `check` on recorded traffic, or `proxy`. */
  mode?: 'run' | 'check' | 'proxy';
  /** Named faults of the built-in broker switched on for this run (replay restarts it with them). */
  faults?: string[];
  /** Overall outcome at the --fail-on level (see contract/gate.ts). */
  outcome: Outcome;
  exitCode: ExitCode;
  classes: ClassResult[];
  requirements: RequirementResult[];
  coverage: Coverage;
  exchanges: Exchange[];
  timeline: TimelineEntry[];
  capacity?: {
    totals: { cores: number; memory: number; storage: number };
    samples: CapacitySample[];
  };
  /** The command line that reproduces this run. */
  command: string;
}
