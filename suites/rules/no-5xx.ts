// No request, however malformed, may make the broker answer with a 5xx status.

import { NOTHING, judged, viewFinding } from './judgement.ts';
import type { ExchangeRule } from './types.ts';

const ID = '/req/robustness/no-5xx';

export const no5xx: ExchangeRule = {
  name: 'no-5xx',
  requirement: ID,
  scope: 'exchange',
  judge(view) {
    if (view.status === undefined || view.status < 100) return NOTHING;
    if (view.status < 500) return judged(1);
    return judged(1, [
      viewFinding(
        ID,
        view,
        `answered ${view.status} to ${view.method ?? '?'} ${view.url ?? view.where}`,
      ),
    ]);
  },
};
