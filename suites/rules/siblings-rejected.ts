// Once one offer of a set is accepted, a sibling read after that (in certain order) SHOULD no
// longer be OFFERED.

import { certainlyBefore } from '../history/trace.ts';
import { judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/lifecycle/accept-rejects-siblings';

export const siblingsRejected: TraceRule = {
  name: 'siblings-rejected',
  requirement: ID,
  scope: 'trace',
  judge(trace) {
    const findings: Finding[] = [];
    let observed = 0;
    for (const session of trace.observations.keys()) {
      const won = trace.wonAt(session);
      if (won === undefined) continue;
      for (const sibling of trace.siblingsOf(session)) {
        const later = (trace.observations.get(sibling) ?? []).filter((seen) =>
          certainlyBefore(won, seen),
        );
        if (later.length === 0) continue;
        observed += 1;
        const stale = later.find((seen) => seen.phase === 'OFFERED');
        if (stale === undefined) continue;
        findings.push(
          traceFinding(
            ID,
            trace,
            `offer ${sibling} was still OFFERED after its sibling ${session} had been accepted`,
            [...won.events, ...stale.events],
            sibling,
          ),
        );
      }
    }
    return judged(observed, findings);
  },
};
