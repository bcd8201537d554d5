import { it } from 'vitest';
import { judgeEveryOffer } from '../harness/offer-property.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/offerset/fresh-offers-offered';

requirement(ID, () => {
  it('every offer in a new OfferSet is in phase OFFERED', async () => {
    await judgeEveryOffer(ID);
  });
});
