// The fleet dashboard's data: one row per broker run, the requirement columns, how often each
// requirement goes wrong across the fleet, and what changed since the previous merge. Built
// from report.json files one at a time, keeping only a summary of each, so a merge of
// thousands of runs holds thousands of small rows, never thousands of reports.

import {
  compareVerdicts,
  countVerdicts,
  emptyCounts,
  gateOutcome,
  isBad,
  isExpectedFailure,
  worstVerdict,
  type ExitCode,
  type Level,
  type Outcome,
  type RunResult,
  type Verdict,
} from '../../contract/index.ts';
import { OUTCOME_LABEL } from '../gate.ts';

export const DASHBOARD_VERSION = '1.0';

export interface BrokerRow {
  /** The folder its report.json came from (a fleet plan names it after the target). */
  name: string;
  /** The report.json it was read from, as given on the command line. */
  source: string;
  /** Its report.html, relative to the dashboard's folder, when there is one. */
  report?: string;
  target: string;
  profile: string;
  startedAt: string;
  endedAt: string;
  failOn: 'must' | 'should';
  outcome: Outcome;
  exitCode: ExitCode;
  toolVersion: string;
  counts: Record<Verdict, number>;
  /** Requirement id -> verdict, for every requirement the run selected. */
  verdicts: Record<string, Verdict>;
  /** Requirements its expectations file lists as known failures (they do not fail its gate). */
  expected: string[];
}

export interface RequirementColumn {
  id: string;
  class: string;
  level: Level;
  statement: string;
}

export interface FrequencyRow extends RequirementColumn {
  /** How many brokers got each verdict for it. */
  counts: Record<Verdict, number>;
  /** Brokers where it failed (FAIL or ERROR), and where it only warned. */
  failing: string[];
  warning: string[];
}

export interface VerdictChange {
  name: string;
  id: string;
  before: Verdict | 'absent';
  after: Verdict | 'absent';
}

export interface Trend {
  /** When the previous dashboard was made. */
  previous: string;
  added: string[];
  removed: string[];
  outcomes: { name: string; before: Outcome; after: Outcome }[];
  /** Requirements that went wrong since (were fine or absent, now FAIL/ERROR/WARN). */
  worse: VerdictChange[];
  /** Requirements that were wrong and now pass. */
  better: VerdictChange[];
}

export interface Unreadable {
  source: string;
  message: string;
}

export interface Dashboard {
  dashboardVersion: string;
  generatedAt: string;
  tool: { name: 'eb-conform'; version: string };
  brokers: BrokerRow[];
  requirements: RequirementColumn[];
  frequency: FrequencyRow[];
  trend?: Trend;
  /** Inputs that could not be used, each with the reason. */
  unreadable: Unreadable[];
}

/** The summary of one run that the dashboard keeps. The outcome is the contract's gate's. */
export function brokerRow(
  result: RunResult,
  name: string,
  source: string,
  report?: string,
): BrokerRow {
  const recorded = result.outcome === 'unreachable' || result.outcome === 'error';
  const gate = gateOutcome({
    requirements: result.requirements,
    failOn: result.failOn,
    ...(result.allowIncomplete === undefined ? {} : { allowIncomplete: result.allowIncomplete }),
    ...(recorded ? { outcome: result.outcome, exitCode: result.exitCode } : {}),
  });
  return {
    name,
    source,
    ...(report === undefined ? {} : { report }),
    target: result.target,
    profile: result.profile,
    startedAt: result.startedAt,
    endedAt: result.endedAt,
    failOn: result.failOn,
    outcome: gate.outcome,
    exitCode: gate.exitCode,
    toolVersion: result.tool.version,
    counts: countVerdicts(result.requirements),
    verdicts: Object.fromEntries(result.requirements.map((req) => [req.id, req.verdict])),
    expected: result.requirements.filter(isExpectedFailure).map((req) => req.id),
  };
}

/** Collects the requirement columns in the order the runs listed them (class by class). */
export class ColumnSet {
  private readonly byId = new Map<string, RequirementColumn>();

  add(result: RunResult): void {
    for (const req of result.requirements) {
      if (!this.byId.has(req.id))
        this.byId.set(req.id, {
          id: req.id,
          class: req.class,
          level: req.level,
          statement: req.statement,
        });
    }
  }

  /** Grouped by class, classes in order of first appearance, so a class's columns sit together. */
  columns(): RequirementColumn[] {
    const all = [...this.byId.values()];
    const classes = [...new Set(all.map((column) => column.class))];
    return classes.flatMap((cls) => all.filter((column) => column.class === cls));
  }
}

function worst(row: BrokerRow): Verdict | undefined {
  return worstVerdict(Object.values(row.verdicts));
}

/** Worst verdict first (the contract's order), then by name: the brokers to look at lead. */
export function byWorst(a: BrokerRow, b: BrokerRow): number {
  const wa = worst(a);
  const wb = worst(b);
  const rank =
    wa === undefined || wb === undefined
      ? Number(wa === undefined) - Number(wb === undefined)
      : compareVerdicts(wa, wb);
  return rank || a.name.localeCompare(b.name);
}

/** How often each requirement went wrong across the fleet; only those that went wrong somewhere. */
export function frequency(
  brokers: readonly BrokerRow[],
  columns: readonly RequirementColumn[],
): FrequencyRow[] {
  const rows = columns.map((column) => {
    const counts = emptyCounts();
    const failing: string[] = [];
    const warning: string[] = [];
    for (const broker of brokers) {
      const verdict = broker.verdicts[column.id];
      if (verdict === undefined) continue;
      counts[verdict] += 1;
      if (verdict === 'FAIL' || verdict === 'ERROR') failing.push(broker.name);
      else if (verdict === 'WARN') warning.push(broker.name);
    }
    return { ...column, counts, failing, warning };
  });
  return rows
    .filter((row) => row.failing.length + row.warning.length > 0)
    .sort(
      (a, b) =>
        b.failing.length - a.failing.length ||
        b.warning.length - a.warning.length ||
        a.id.localeCompare(b.id),
    );
}

/** What changed between the previous dashboard and this one, broker by broker (by name). */
export function trend(previous: Dashboard, brokers: readonly BrokerRow[]): Trend {
  const before = new Map(previous.brokers.map((row) => [row.name, row]));
  const now = new Map(brokers.map((row) => [row.name, row]));
  const out: Trend = {
    previous: previous.generatedAt,
    added: brokers.filter((row) => !before.has(row.name)).map((row) => row.name),
    removed: previous.brokers.filter((row) => !now.has(row.name)).map((row) => row.name),
    outcomes: [],
    worse: [],
    better: [],
  };
  for (const row of brokers) {
    const old = before.get(row.name);
    if (old === undefined) continue;
    if (old.outcome !== row.outcome)
      out.outcomes.push({ name: row.name, before: old.outcome, after: row.outcome });
    const ids = new Set([...Object.keys(old.verdicts), ...Object.keys(row.verdicts)]);
    for (const id of ids) {
      const was = old.verdicts[id];
      const is = row.verdicts[id];
      const change = {
        name: row.name,
        id,
        before: was ?? 'absent',
        after: is ?? 'absent',
      } as const;
      if (
        is !== undefined &&
        isBad(is) &&
        (was === undefined || !isBad(was) || compareVerdicts(is, was) < 0)
      )
        out.worse.push(change);
      else if (was !== undefined && isBad(was) && is === 'PASS') out.better.push(change);
    }
  }
  return out;
}

/** How many brokers ended with each outcome, in the order OUTCOME_LABEL lists them. */
export function outcomeCounts(brokers: readonly BrokerRow[]): [Outcome, number][] {
  return (Object.keys(OUTCOME_LABEL) as Outcome[])
    .map((outcome): [Outcome, number] => [
      outcome,
      brokers.filter((row) => row.outcome === outcome).length,
    ])
    .filter(([, n]) => n > 0);
}

/** "5 brokers: 1 conformant, 3 non-conformant, 1 unreachable". */
export function fleetLine(dashboard: Dashboard): string {
  const parts = outcomeCounts(dashboard.brokers).map(([outcome, n]) => `${n} ${outcome}`);
  const n = dashboard.brokers.length;
  const unreadable =
    dashboard.unreadable.length === 0 ? '' : `; ${dashboard.unreadable.length} unreadable`;
  return `${n} broker${n === 1 ? '' : 's'}${parts.length === 0 ? '' : `: ${parts.join(', ')}`}${unreadable}`;
}

/** "2 requirement results got worse, 1 was fixed; 1 broker new, none gone." */
export function trendLine(trend: Trend): string {
  const n = (count: number, one: string, many: string): string =>
    `${count} ${count === 1 ? one : many}`;
  return (
    `${n(trend.worse.length, 'requirement result got worse', 'requirement results got worse')}, ` +
    `${n(trend.better.length, 'was fixed', 'were fixed')}; ` +
    `${n(trend.added.length, 'broker', 'brokers')} new, ${n(trend.removed.length, 'broker', 'brokers')} gone`
  );
}
