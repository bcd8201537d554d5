// A broker SHOULD NOT offer more memory than the requested maximum. Judged only where the
// request names a maximum.

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { most, pick, rangeOf } from './readers.ts';
import type { OfferRule } from './types.ts';

const ID = '/req/matching/memory-max';

export const memoryMax: OfferRule = {
  name: 'memory-max',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    const limit = rangeOf(pick(offer.request, 'compute', 'memory'))?.max;
    if (limit === undefined) return NOTHING;
    const given = most(pick(offer.offer, 'compute', 'memory'));
    if (given <= limit) return judged(1);
    return judged(1, [
      offerFinding(
        ID,
        offer,
        `offer ${offer.index} provides up to ${given} GiB of memory; the request allowed at most ${limit}`,
        '/compute/memory',
      ),
    ]);
  },
};
