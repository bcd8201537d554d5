import { it } from 'vitest';
import { forEachOffer } from '../harness/offer-property.ts';
import { offeredStorage, requestedStorage } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

requirement('/req/matching/storage-min', () => {
  it('every offer provides at least the requested minimum size of each storage resource', async () => {
    await forEachOffer(
      ({ request, offer, index, result }) => {
        const offered = offeredStorage(offer);
        requestedStorage(request).forEach((wanted, i) => {
          // Match by name where the broker kept it (it may rename), else by position.
          const match =
            offered.find((item) => wanted.name !== undefined && item.name === wanted.name) ??
            offered[i];
          const given = match?.min ?? match?.max;
          const min = wanted.min ?? 1;
          if (given === undefined || given < min) {
            fail(
              `offer ${index} provides ${given ?? 'no stated'} GiB for storage "${wanted.name ?? i}"; the request asked for at least ${min}`,
              {
                pointer: `/offers/${index}/storage/${i}/size`,
                exchanges: result.exchanges,
              },
            );
          }
        });
      },
      { request: { storage: true } },
    );
  });
});
