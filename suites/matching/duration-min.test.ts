import { it } from 'vitest';
import { forEachOffer } from '../harness/offer-property.ts';
import { offeredDuration, pick, requestedDuration } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

requirement('/req/matching/duration-min', () => {
  it("every offer's available duration is at least the requested duration", async () => {
    await forEachOffer(
      ({ request, offer, index, result }) => {
        const wanted = requestedDuration(request);
        if (wanted === undefined) return;
        const given = offeredDuration(offer);
        if (given === undefined || given < wanted) {
          fail(
            `offer ${index} lasts ${String(pick(offer, 'schedule', 'available', 'duration') ?? 'an unstated time')}; the request asked for ${String(pick(request, 'schedule', 'requested', 'duration'))}`,
            {
              pointer: `/offers/${index}/schedule/available/duration`,
              exchanges: result.exchanges,
            },
          );
        }
      },
      { request: { schedule: 'always' } },
    );
  });
});
