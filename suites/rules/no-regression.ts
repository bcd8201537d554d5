// A session's phase only moves forward: a later observation (in certain order) must be one the
// lifecycle can reach from an earlier one. An unknown phase name is never reachable.

import { canFollow, isTerminal } from '../history/phases.ts';
import { judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/lifecycle/no-regression';

export const noRegression: TraceRule = {
  name: 'no-regression',
  requirement: ID,
  scope: 'trace',
  judge(trace) {
    const findings: Finding[] = [];
    let observed = 0;
    for (const session of trace.observations.keys()) {
      // Only a session seen twice, in certain order, shows how its phase moved.
      if (trace.firstOrderedPair(session, () => true) === undefined) continue;
      observed += 1;
      const pair = trace.firstOrderedPair(
        session,
        (earlier, later) => !isTerminal(earlier.phase) && !canFollow(earlier.phase, later.phase),
      );
      if (pair === undefined) continue;
      const [earlier, later] = pair;
      findings.push(
        traceFinding(
          ID,
          trace,
          `session ${session} went from ${earlier.phase} back to ${later.phase}`,
          [...earlier.events, ...later.events],
          session,
        ),
      );
    }
    return judged(observed, findings);
  },
};
