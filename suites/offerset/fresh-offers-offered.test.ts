import { it } from 'vitest';
import { forEachOffer } from '../harness/offer-property.ts';
import { pick } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

requirement('/req/offerset/fresh-offers-offered', () => {
  it('every offer in a new OfferSet is in phase OFFERED', async () => {
    await forEachOffer(({ offer, index, result }) => {
      const phase = pick(offer, 'phase');
      if (phase !== 'OFFERED') {
        fail(
          `offer ${index} of a fresh OfferSet is in phase ${JSON.stringify(phase)}, not OFFERED`,
          {
            pointer: `/offers/${index}/phase`,
            exchanges: result.exchanges,
          },
        );
      }
    });
  });
});
