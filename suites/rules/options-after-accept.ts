// After acceptance a session offers cancellation, and only that, while it can still be
// cancelled; nothing more while it is ending; and no options at all once it is terminal. A
// session that could be cancelled but lists no cancel option (or no options at all) breaks it.

import { isActive, isCancellable, isTerminal } from '../history/phases.ts';
import type { Observation } from '../history/trace.ts';
import { describeOptions } from './options-text.ts';
import { judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/lifecycle/options-after-accept';

function problem(seen: Observation, updatePath: string): string | undefined {
  const listed = seen.options;
  if (isTerminal(seen.phase))
    return listed === undefined || Object.keys(listed).length === 0 ? undefined : 'no options';
  if (!isActive(seen.phase)) return undefined;
  const values = listed?.[updatePath] ?? [];
  if (values.some((value) => value !== 'CANCELLED')) return `at most ${updatePath}: CANCELLED`;
  if (isCancellable(seen.phase) && !values.includes('CANCELLED')) return `${updatePath}: CANCELLED`;
  return undefined;
}

export const optionsAfterAccept: TraceRule = {
  name: 'options-after-accept',
  requirement: ID,
  scope: 'trace',
  judge(trace, { updatePath }) {
    const findings: Finding[] = [];
    let observed = 0;
    for (const [session, list] of trace.observations) {
      const relevant = list.filter((seen) => isTerminal(seen.phase) || isActive(seen.phase));
      if (relevant.length === 0) continue;
      observed += 1;
      for (const seen of relevant) {
        const expected = problem(seen, updatePath);
        if (expected === undefined) continue;
        findings.push(
          traceFinding(
            ID,
            trace,
            `${seen.phase} session ${session} offered ${describeOptions(seen.options)}; expected ${expected}`,
            seen.events,
            session,
          ),
        );
        break;
      }
    }
    return judged(observed, findings);
  },
};
