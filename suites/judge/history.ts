// The trace rules over a recorded history, as the stateful suites and the model runs call them
// (and as `eb-conform check` does on a history.ndjson): the same registry rules, reported the
// way those callers read them, with how much each rule could judge.

import type { HistoryEvent } from '../history/events.ts';
import { Trace, type Capacity } from '../history/trace.ts';
import { TRACE_RULES } from '../rules/index.ts';
import type { TraceRule } from '../rules/types.ts';
import { ruleContext } from './context.ts';

export const HISTORY_RULE_NAMES = [
  'single-accept',
  'siblings-rejected',
  'terminal-stable',
  'no-regression',
  'offer-expires',
  'expired-not-acceptable',
  'options-offered',
  'options-after-accept',
  'capacity',
  'within-platform',
  'phase-on-schedule',
  'distinct-uuids',
] as const;

export type HistoryRule = (typeof HISTORY_RULE_NAMES)[number];

function traceRule(name: HistoryRule): TraceRule {
  const rule = TRACE_RULES.find((candidate) => candidate.name === name);
  if (rule === undefined) throw new Error(`no trace rule named ${name} in the registry`);
  return rule;
}

/** Rule name -> the requirement it judges. */
export const HISTORY_RULES = Object.fromEntries(
  HISTORY_RULE_NAMES.map((name) => [name, traceRule(name).requirement]),
) as Record<HistoryRule, string>;

export interface Violation {
  rule: HistoryRule;
  requirement: string;
  message: string;
  session?: string;
  /** Indices (0-based) into the history of the events that show the violation. */
  events: number[];
}

export interface CheckOptions {
  /** Platform totals; else taken from a `declare` event in the history; else capacity is skipped. */
  capacity?: Capacity;
  /** The option path that carries phase changes (`phase` in every known profile). */
  updatePath?: string;
  /** Tolerance for clock differences when comparing with expiry instants and slot ends. */
  skewMs?: number;
  /** How long past `expires` an offer may still read OFFERED or be accepted (default 10 s). */
  expiryGraceMs?: number;
  /** Run only these rules (default: all). */
  rules?: readonly HistoryRule[];
}

export interface CheckReport {
  violations: Violation[];
  /** Rules that could not run, and why (e.g. no capacity known). */
  skipped: { rule: HistoryRule; reason: string }[];
  /** How many things (sessions, offers, bookings, accepts) each rule that ran could judge. */
  observed: Partial<Record<HistoryRule, number>>;
  counts: { events: number; operations: number; sessions: number };
}

/** Runs the trace rules over a parsed history. */
export function checkHistory(
  events: readonly HistoryEvent[],
  options: CheckOptions = {},
): CheckReport {
  const trace = new Trace(events);
  const context = ruleContext({
    profile: 'v1.0.7',
    ...(options.updatePath === undefined ? {} : { updatePath: options.updatePath }),
    ...(options.skewMs === undefined ? {} : { skewMs: options.skewMs }),
    ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
  });
  if (options.expiryGraceMs !== undefined) context.expiryGraceMs = options.expiryGraceMs;
  const report: CheckReport = {
    violations: [],
    skipped: [],
    observed: {},
    counts: {
      events: events.length,
      operations: trace.operations.length,
      sessions: trace.observations.size,
    },
  };
  for (const name of options.rules ?? HISTORY_RULE_NAMES) {
    const judgement = traceRule(name).judge(trace, context);
    if (judgement.skipped !== undefined) {
      report.skipped.push({ rule: name, reason: judgement.skipped });
      continue;
    }
    report.observed[name] = judgement.observed;
    for (const finding of judgement.findings)
      report.violations.push({
        rule: name,
        requirement: finding.requirement,
        message: finding.message,
        ...(finding.session === undefined ? {} : { session: finding.session }),
        events: finding.events ?? [],
      });
  }
  return report;
}

export { capacityLoad, type CapacityLoad } from '../history/capacity.ts';
export type { Capacity } from '../history/trace.ts';
