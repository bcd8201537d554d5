// No single offer may hold more of a resource than the platform's declared total.

import { DIMENSIONS } from '../history/capacity.ts';
import { capacityLimits, isJudgement, judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/capacity/within-platform';

export const withinPlatform: TraceRule = {
  name: 'within-platform',
  requirement: ID,
  scope: 'trace',
  judge(trace, context) {
    const limits = capacityLimits(trace, context);
    if (isJudgement(limits)) return limits;
    const findings: Finding[] = [];
    for (const { facts, events } of trace.offers.values()) {
      const over = DIMENSIONS.filter((key) => {
        const limit = limits[key];
        return limit !== undefined && facts[key] > limit;
      });
      if (over.length === 0) continue;
      findings.push(
        traceFinding(
          ID,
          trace,
          `offer ${facts.session} holds ${over.map((key) => `${key} ${facts[key]} > ${limits[key]}`).join(', ')} (the platform total)`,
          events,
          facts.session,
        ),
      );
    }
    return judged(trace.offers.size, findings);
  },
};
