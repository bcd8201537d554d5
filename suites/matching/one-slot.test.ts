import { it } from 'vitest';
import { forEachOffer } from '../harness/offer-property.ts';
import { pick } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

requirement('/req/matching/one-slot', () => {
  it('every offer carries exactly one time slot', async () => {
    await forEachOffer(({ offer, index, result }) => {
      const start = pick(offer, 'schedule', 'available', 'start');
      if (Array.isArray(start) && start.length !== 1) {
        fail(
          `offer ${index} carries ${start.length} start intervals in one schedule; alternative times must be separate offers`,
          {
            pointer: `/offers/${index}/schedule/available/start`,
            exchanges: result.exchanges,
          },
        );
      }
      const duration = pick(offer, 'schedule', 'available', 'duration');
      if (Array.isArray(duration)) {
        fail(`offer ${index} carries ${duration.length} durations in one schedule`, {
          pointer: `/offers/${index}/schedule/available/duration`,
          exchanges: result.exchanges,
        });
      }
    });
  });
});
