import { it } from 'vitest';
import { forEachOffer } from '../harness/offer-property.ts';
import { pick, provided, rangeOf } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

requirement('/req/matching/cores-min', () => {
  it('every offer provides at least the requested minimum cores', async () => {
    await forEachOffer(({ request, offer, index, result }) => {
      const wanted = rangeOf(pick(request, 'compute', 'cores'))?.min ?? 1;
      const given = provided(pick(offer, 'compute', 'cores'));
      if (given === undefined || given < wanted) {
        fail(
          `offer ${index} provides ${given ?? 'no stated number of'} cores; the request asked for at least ${wanted}`,
          {
            pointer: `/offers/${index}/compute/cores`,
            exchanges: result.exchanges,
          },
        );
      }
    });
  });
});
