// An accepted session moves through its phases according to its schedule: seen PREPARING (or
// further on) at a time certainly well before its own `schedule.preparing.start`, it is ahead
// of the schedule it promised. The time used is the latest the observation can have been made.

import { isActive, isCancellable } from '../history/phases.ts';
import { instantMs } from '../history/time.ts';
import { judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/lifecycle/progresses';
/** How far ahead of its schedule a session must be before it counts. */
const EARLY_MS = 60_000;
const UNDER_WAY: ReadonlySet<string> = new Set(['PREPARING', 'AVAILABLE', 'RUNNING']);

export const phaseOnSchedule: TraceRule = {
  name: 'phase-on-schedule',
  requirement: ID,
  scope: 'trace',
  judge(trace, { skewMs }) {
    const findings: Finding[] = [];
    let observed = 0;
    for (const [session, list] of trace.observations) {
      const judgeable = list.filter(
        (seen) =>
          isActive(seen.phase) &&
          isCancellable(seen.phase) &&
          Number.isFinite(seen.completedAt) &&
          instantMs(seen.facts.preparing) !== undefined,
      );
      if (judgeable.length === 0) continue;
      observed += 1;
      const early = judgeable.find((seen) => {
        const start = instantMs(seen.facts.preparing) ?? -Infinity;
        return (
          UNDER_WAY.has(seen.phase) &&
          trace.brokerTime(seen.completedAt) < start - EARLY_MS - skewMs
        );
      });
      if (early === undefined) continue;
      const start = instantMs(early.facts.preparing) ?? 0;
      const lead = Math.round((start - trace.brokerTime(early.completedAt)) / 60_000);
      findings.push(
        traceFinding(
          ID,
          trace,
          `session ${session} was ${early.phase} by ${new Date(trace.brokerTime(early.completedAt)).toISOString()}, ` +
            `${lead} min before its own schedule.preparing.start ${early.facts.preparing}`,
          early.events,
          session,
        ),
      );
    }
    return judged(observed, findings);
  },
};
