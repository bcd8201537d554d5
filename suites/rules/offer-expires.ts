// An offer nobody acted on MUST be EXPIRED once its `expires` instant has passed: reading it
// OFFERED later than that (broker time, past the declared grace and the clock skew) breaks it.

import { instantMs } from '../history/time.ts';
import { judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/expiry/offer-expires';

export const offerExpires: TraceRule = {
  name: 'offer-expires',
  requirement: ID,
  scope: 'trace',
  judge(trace, { skewMs, expiryGraceMs }) {
    const findings: Finding[] = [];
    let observed = 0;
    for (const [session, list] of trace.observations) {
      const expires = instantMs(trace.offers.get(session)?.facts.expires);
      if (expires === undefined) continue;
      const deadline = expires + expiryGraceMs + skewMs;
      // Judged once the offer was looked at certainly after its deadline.
      const after = list.filter((seen) => trace.brokerTime(seen.invokedAt) > deadline);
      if (after.length === 0) continue;
      observed += 1;
      const late = after.find((seen) => seen.phase === 'OFFERED');
      if (late === undefined) continue;
      findings.push(
        traceFinding(
          ID,
          trace,
          `offer ${session} was still OFFERED ${Math.round(trace.brokerTime(late.invokedAt) - expires)} ms after it expired`,
          late.events,
          session,
        ),
      );
    }
    return judged(observed, findings);
  },
};
