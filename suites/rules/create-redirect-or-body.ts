// A create request is answered 303 See Other with a Location, or 200 with the OfferSet itself.
// Client errors are left to the conventions; only answers below 400 are judged.

import { NOTHING, judged, viewFinding } from './judgement.ts';
import type { ExchangeRule } from './types.ts';

const ID = '/req/offerset/create-redirect-or-body';

export const createRedirectOrBody: ExchangeRule = {
  name: 'create-redirect-or-body',
  requirement: ID,
  scope: 'exchange',
  judge(view) {
    const status = view.status;
    if (view.op !== 'create' || status === undefined || status < 100 || status >= 400)
      return NOTHING;
    if (status === 303) {
      if (view.headers === undefined) return NOTHING;
      const location = view.headers.location;
      if (location !== undefined && location !== '') return judged(1);
      return judged(1, [viewFinding(ID, view, 'a 303 answer to create has no Location header')]);
    }
    if (status === 200) {
      if (view.document === 'OfferSetResponse') return judged(1);
      return judged(1, [viewFinding(ID, view, 'a 200 answer to create carries no OfferSet body')]);
    }
    return judged(1, [
      viewFinding(ID, view, `create answered ${status}; the standard allows 303 See Other or 200`),
    ]);
  },
};
