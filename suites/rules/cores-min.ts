// Each offer MUST meet the requested minimum number of cores (1 when the request omits it).

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { pick, provided, rangeOf } from './readers.ts';
import type { OfferRule } from './types.ts';

const ID = '/req/matching/cores-min';

export const coresMin: OfferRule = {
  name: 'cores-min',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    if (offer.request === undefined) return NOTHING;
    const wanted = rangeOf(pick(offer.request, 'compute', 'cores'))?.min ?? 1;
    const given = provided(pick(offer.offer, 'compute', 'cores'));
    if (given !== undefined && given >= wanted) return judged(1);
    return judged(1, [
      offerFinding(
        ID,
        offer,
        `offer ${offer.index} provides ${given ?? 'no stated number of'} cores; the request asked for at least ${wanted}`,
        '/compute/cores',
      ),
    ]);
  },
};
