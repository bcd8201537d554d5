// Every request gets a complete answer within the timeout. A reset, a half answer or a timeout
// breaks it; a refused connection is a target that is gone, which says nothing about how it
// answers.

import { NOTHING, judged, viewFinding } from './judgement.ts';
import type { ExchangeRule } from './types.ts';

const ID = '/req/robustness/answers-promptly';

export const answersPromptly: ExchangeRule = {
  name: 'answers-promptly',
  requirement: ID,
  scope: 'exchange',
  judge(view) {
    if (view.error === undefined) return view.status === undefined ? NOTHING : judged(1);
    if (!view.timedOut && /ECONNREFUSED/.test(view.error)) return NOTHING;
    return judged(1, [viewFinding(ID, view, `no complete answer: ${view.error}`)]);
  },
};
