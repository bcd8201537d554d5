// An OFFERED session lists an enum option on the update path with ACCEPTED and REJECTED. A
// session that lists no options at all breaks it too: a broker that never lists options must
// not pass.

import { describeOptions } from './options-text.ts';
import { judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/lifecycle/options-offered';

export const optionsOffered: TraceRule = {
  name: 'options-offered',
  requirement: ID,
  scope: 'trace',
  judge(trace, { updatePath }) {
    const findings: Finding[] = [];
    let observed = 0;
    for (const [session, list] of trace.observations) {
      const offered = list.filter((seen) => seen.phase === 'OFFERED');
      if (offered.length === 0) continue;
      observed += 1;
      const bad = offered.find((seen) => {
        const values = seen.options?.[updatePath] ?? [];
        return !values.includes('ACCEPTED') || !values.includes('REJECTED');
      });
      if (bad === undefined) continue;
      findings.push(
        traceFinding(
          ID,
          trace,
          `OFFERED session ${session} offered ${describeOptions(bad.options)} instead of ${updatePath}: ACCEPTED, REJECTED`,
          bad.events,
          session,
        ),
      );
    }
    return judged(observed, findings);
  },
};
