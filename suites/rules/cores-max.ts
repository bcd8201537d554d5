// A broker SHOULD NOT offer more cores than the requested maximum. Judged only where the
// request names a maximum.

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { most, pick, rangeOf } from './readers.ts';
import type { OfferRule } from './types.ts';

const ID = '/req/matching/cores-max';

export const coresMax: OfferRule = {
  name: 'cores-max',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    const limit = rangeOf(pick(offer.request, 'compute', 'cores'))?.max;
    if (limit === undefined) return NOTHING;
    const given = most(pick(offer.offer, 'compute', 'cores'));
    if (given <= limit) return judged(1);
    return judged(1, [
      offerFinding(
        ID,
        offer,
        `offer ${offer.index} provides up to ${given} cores; the request allowed at most ${limit}`,
        '/compute/cores',
      ),
    ]);
  },
};
