// Of the offers of one offer set, at most one may ever be seen accepted.

import { judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/concurrency/single-accept';

export const singleAccept: TraceRule = {
  name: 'single-accept',
  requirement: ID,
  scope: 'trace',
  judge(trace) {
    const findings: Finding[] = [];
    let observed = 0;
    for (const [offerset, members] of trace.siblings) {
      const winners = members.flatMap((session) => trace.wonAt(session) ?? []);
      if (winners.length > 0) observed += 1;
      if (winners.length < 2) continue;
      findings.push(
        traceFinding(
          ID,
          trace,
          `${winners.length} offers of offerset ${offerset} were accepted: ` +
            winners.map((seen) => `${seen.session} (${seen.phase})`).join(', '),
          winners.flatMap((seen) => seen.events),
          winners[1]?.session,
        ),
      );
    }
    return judged(observed, findings);
  },
};
