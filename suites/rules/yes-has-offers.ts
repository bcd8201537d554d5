// An OfferSet with result YES SHOULD contain at least one offer. Judged per YES answer.

import { offersetWithResult } from './documents.ts';
import { NOTHING, judged, viewFinding } from './judgement.ts';
import { pick } from './readers.ts';
import type { ExchangeRule } from './types.ts';

const ID = '/req/offerset/yes-has-offers';

export const yesHasOffers: ExchangeRule = {
  name: 'yes-has-offers',
  requirement: ID,
  scope: 'exchange',
  judge(view) {
    const offerset = offersetWithResult(view, 'YES');
    if (offerset === undefined) return NOTHING;
    const offers = pick(offerset, 'offers');
    if (Array.isArray(offers) && offers.length > 0) return judged(1);
    return judged(1, [viewFinding(ID, view, 'the answer says YES but lists no offers', '/offers')]);
  },
};
