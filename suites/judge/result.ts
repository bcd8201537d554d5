// What `check` and `proxy` hand the report writers: a RunResult like a live run's (mode
// `check` or `proxy`), with a verdict per requirement, the exchanges its evidence cites, a
// timeline of the sessions seen and, with a declared capacity, the capacity chart. The gate is
// the contract's; traffic in which nothing could be judged is never a pass.

import {
  REPORT_VERSION,
  gateOutcome,
  type Exchange,
  type RunResult,
  type TimelineEntry,
} from '../../contract/index.ts';
import { loadSpec } from '../../spec/index.ts';
import { capacityLoad } from '../history/capacity.ts';
import { pick } from '../history/time.ts';
import { Trace } from '../history/trace.ts';
import { iso, startWindows } from '../rules/readers.ts';
import type { Judge } from './engine.ts';
import { classResults, coverageOf, requirementResults } from './verdicts.ts';

export interface ResultMeta {
  mode: 'check' | 'proxy';
  target: string;
  profile: string;
  startedAt: Date;
  command: string;
  tool: { name: 'eb-conform'; version: string };
  failOn?: RunResult['failOn'];
}

const MOST_TIMELINE = 400;

/** The sessions seen, with their phases over time and the windows their request asked for. */
export function timelineOf(trace: Trace): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const [session, list] of trace.observations) {
    if (entries.length >= MOST_TIMELINE) break;
    const created = trace.offers.get(session);
    const request = pick(created?.operation.invokeValue, 'request');
    const entry: TimelineEntry = {
      sessionUuid: session,
      requestedWindows: (startWindows(request) ?? []).map((w) => ({
        start: iso(w.earliest),
        end: iso(w.latest),
      })),
      phases: [],
    };
    const offerset = trace.offersetOf.get(session);
    if (offerset !== undefined) entry.offersetUuid = offerset;
    const slot = created?.facts.slot ?? list.find((seen) => seen.facts.slot)?.facts.slot;
    if (slot !== undefined) entry.slot = slot;
    for (const seen of list) {
      const at = trace.brokerTime(
        Number.isFinite(seen.completedAt) ? seen.completedAt : seen.invokedAt,
      );
      if (!Number.isFinite(at) || entry.phases.at(-1)?.phase === seen.phase) continue;
      entry.phases.push({ phase: seen.phase, at: iso(at) });
    }
    if (entry.phases.length > 0) entries.push(entry);
  }
  return entries;
}

/**
 * Whether there was anything to check: an exchange of the broker's, or history events, that a
 * rule could judge. Traffic without is never a pass.
 */
export function judgedAnything(judge: Judge): boolean {
  return (
    judge.sawBroker() && judge.tally.rules().some((entry) => entry.observed > 0 || entry.found > 0)
  );
}

export function buildResult(judge: Judge, meta: ResultMeta, exchanges: Exchange[]): RunResult {
  judge.finish();
  const failOn = meta.failOn ?? 'must';
  const requirements = requirementResults(judge.tally, judge.notes);
  const gate = gateOutcome({
    requirements,
    failOn,
    // Traffic in which no rule could judge anything is unusable input, never a pass.
    ...(judgedAnything(judge) ? {} : { outcome: 'error' as const }),
  });
  const result: RunResult = {
    reportVersion: REPORT_VERSION,
    tool: meta.tool,
    target: meta.target,
    builtIn: false,
    profile: meta.profile,
    specHash: loadSpec().specHash,
    seed: 0,
    runs: 0,
    startedAt: meta.startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    failOn,
    mode: meta.mode,
    ...gate,
    classes: classResults(requirements),
    requirements,
    coverage: coverageOf(requirements),
    exchanges: [...exchanges].sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
    timeline: timelineOf(judge.trace()),
    command: meta.command,
  };
  const totals = judge.context.capacity;
  if (totals !== undefined) {
    result.capacity = {
      totals: {
        cores: totals.cores ?? 0,
        memory: totals.memory ?? 0,
        storage: totals.storage ?? 0,
      },
      samples: capacityLoad(
        judge.events.filter((event) => Number.isFinite(event.time)),
        judge.context.skewMs,
      ),
    };
  }
  return result;
}
