// Each offer MUST meet the requested minimum memory (1 GiB when the request omits it).

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { pick, provided, rangeOf } from './readers.ts';
import type { OfferRule } from './types.ts';

const ID = '/req/matching/memory-min';

export const memoryMin: OfferRule = {
  name: 'memory-min',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    if (offer.request === undefined) return NOTHING;
    const wanted = rangeOf(pick(offer.request, 'compute', 'memory'))?.min ?? 1;
    const given = provided(pick(offer.offer, 'compute', 'memory'));
    if (given !== undefined && given >= wanted) return judged(1);
    return judged(1, [
      offerFinding(
        ID,
        offer,
        `offer ${offer.index} provides ${given ?? 'no stated amount of'} GiB of memory; the request asked for at least ${wanted}`,
        '/compute/memory',
      ),
    ]);
  },
};
