import { it } from 'vitest';
import { forEachOffer } from '../harness/offer-property.ts';
import { pick, rangeOf } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

requirement('/req/matching/cores-max', () => {
  it('no offer provides more cores than the requested maximum', async () => {
    await forEachOffer(({ request, offer, index, result }) => {
      const limit = rangeOf(pick(request, 'compute', 'cores'))?.max;
      if (limit === undefined) return;
      const given = rangeOf(pick(offer, 'compute', 'cores'));
      const most = Math.max(given?.min ?? 0, given?.max ?? 0);
      if (most > limit) {
        fail(`offer ${index} provides up to ${most} cores; the request allowed at most ${limit}`, {
          pointer: `/offers/${index}/compute/cores`,
          exchanges: result.exchanges,
        });
      }
    });
  });
});
