import { it } from 'vitest';
import { judgeEveryOffer } from '../harness/offer-property.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/offerset/expires-after-created';

requirement(ID, () => {
  it('every fresh offer expires later than its creation and later than the answer', async () => {
    await judgeEveryOffer(ID);
  });
});
