import { it } from 'vitest';
import { forEachOffer } from '../harness/offer-property.ts';
import { instantMs, pick } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

requirement('/req/offerset/expires-after-created', () => {
  it('every fresh offer expires later than its creation and later than the answer', async () => {
    await forEachOffer(({ offer, index, result, now }) => {
      const expires = instantMs(pick(offer, 'expires'));
      const created = instantMs(pick(offer, 'meta', 'created'));
      const pointer = `/offers/${index}/expires`;
      if (expires === undefined) {
        fail(
          `offer ${index} has no readable expires instant (${JSON.stringify(pick(offer, 'expires'))})`,
          { pointer, exchanges: result.exchanges },
        );
      }
      if (created !== undefined && expires <= created) {
        fail(
          `offer ${index} expires at ${String(pick(offer, 'expires'))}, not after its creation at ${String(pick(offer, 'meta', 'created'))}`,
          {
            pointer,
            exchanges: result.exchanges,
          },
        );
      }
      if (expires <= now) {
        fail(
          `offer ${index} expires at ${String(pick(offer, 'expires'))}, already past when it was offered (${new Date(now).toISOString()})`,
          {
            pointer,
            exchanges: result.exchanges,
          },
        );
      }
    });
  });
});
