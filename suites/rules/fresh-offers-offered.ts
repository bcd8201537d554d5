// Every offer in a newly created offer set MUST be in phase OFFERED.

import { judged, offerFinding } from './judgement.ts';
import { pick } from './readers.ts';
import type { OfferRule } from './types.ts';

const ID = '/req/offerset/fresh-offers-offered';

export const freshOffersOffered: OfferRule = {
  name: 'fresh-offers-offered',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    const phase = pick(offer.offer, 'phase');
    if (phase === 'OFFERED') return judged(1);
    return judged(1, [
      offerFinding(
        ID,
        offer,
        `offer ${offer.index} of a fresh OfferSet is in phase ${JSON.stringify(phase)}, not OFFERED`,
        '/phase',
      ),
    ]);
  },
};
