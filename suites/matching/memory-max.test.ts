import { it } from 'vitest';
import { forEachOffer } from '../harness/offer-property.ts';
import { pick, rangeOf } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

requirement('/req/matching/memory-max', () => {
  it('no offer provides more memory than the requested maximum', async () => {
    await forEachOffer(({ request, offer, index, result }) => {
      const limit = rangeOf(pick(request, 'compute', 'memory'))?.max;
      if (limit === undefined) return;
      const given = rangeOf(pick(offer, 'compute', 'memory'));
      const most = Math.max(given?.min ?? 0, given?.max ?? 0);
      if (most > limit) {
        fail(
          `offer ${index} provides up to ${most} GiB of memory; the request allowed at most ${limit}`,
          {
            pointer: `/offers/${index}/compute/memory`,
            exchanges: result.exchanges,
          },
        );
      }
    });
  });
});
