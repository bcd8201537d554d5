// What OFFERED offers and accepted sessions hold MUST stay within the declared capacity at
// every instant. The sweep counts only what the broker had certainly promised and not yet
// certainly released (suites/history/capacity.ts), so whatever it finds is certain.

import { overbookingAt, walkProbes } from '../history/capacity.ts';
import { capacityLimits, isJudgement, judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/capacity/never-exceeded';
/** Enough to make the point; a broker that overbooks once usually does so all the time. */
const MOST_REPORTED = 20;

export const capacity: TraceRule = {
  name: 'capacity',
  requirement: ID,
  scope: 'trace',
  judge(trace, context) {
    const limits = capacityLimits(trace, context);
    if (isJudgement(limits)) return limits;
    const findings: Finding[] = [];
    const reported = new Set<string>();
    let observed = 0;
    walkProbes(trace, context.skewMs, (probe) => {
      observed += probe.entering.length;
      const peak = overbookingAt(probe, limits);
      if (peak === undefined) return true;
      const sessions = peak.items.map((item) => item.session);
      const key = [...sessions].sort().join(',');
      if (reported.has(key)) return true;
      reported.add(key);
      findings.push(
        traceFinding(
          ID,
          trace,
          `at ${new Date(peak.at).toISOString()} ${peak.items.length} live offers or sessions hold ` +
            `${peak.dimension} ${peak.total} > capacity ${limits[peak.dimension]} (${sessions.join(', ')})`,
          peak.items.flatMap((item) => item.events),
          sessions.at(-1),
        ),
      );
      return findings.length < MOST_REPORTED;
    });
    return judged(observed, findings);
  },
};
