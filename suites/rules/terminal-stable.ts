// A session seen in a terminal phase is never seen, later and in certain order, in another.

import { isTerminal } from '../history/phases.ts';
import { judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/lifecycle/terminal-stable';

export const terminalStable: TraceRule = {
  name: 'terminal-stable',
  requirement: ID,
  scope: 'trace',
  judge(trace) {
    const findings: Finding[] = [];
    let observed = 0;
    for (const session of trace.observations.keys()) {
      // Judged where a terminal phase was seen and the session was looked at again after it.
      if (trace.firstOrderedPair(session, (earlier) => isTerminal(earlier.phase)) === undefined)
        continue;
      observed += 1;
      const pair = trace.firstOrderedPair(
        session,
        (earlier, later) => isTerminal(earlier.phase) && later.phase !== earlier.phase,
      );
      if (pair === undefined) continue;
      const [earlier, later] = pair;
      findings.push(
        traceFinding(
          ID,
          trace,
          `session ${session} was ${earlier.phase} (a terminal phase) and later ${later.phase}`,
          [...earlier.events, ...later.events],
          session,
        ),
      );
    }
    return judged(observed, findings);
  },
};
