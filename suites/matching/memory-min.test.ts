import { it } from 'vitest';
import { forEachOffer } from '../harness/offer-property.ts';
import { pick, provided, rangeOf } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

requirement('/req/matching/memory-min', () => {
  it('every offer provides at least the requested minimum memory', async () => {
    await forEachOffer(({ request, offer, index, result }) => {
      const wanted = rangeOf(pick(request, 'compute', 'memory'))?.min ?? 1;
      const given = provided(pick(offer, 'compute', 'memory'));
      if (given === undefined || given < wanted) {
        fail(
          `offer ${index} provides ${given ?? 'no stated amount of'} GiB of memory; the request asked for at least ${wanted}`,
          {
            pointer: `/offers/${index}/compute/memory`,
            exchanges: result.exchanges,
          },
        );
      }
    });
  });
});
