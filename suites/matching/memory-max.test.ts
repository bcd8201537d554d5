import { it } from 'vitest';
import { judgeEveryOffer } from '../harness/offer-property.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/matching/memory-max';

requirement(ID, () => {
  it('no offer provides more memory than the requested maximum', async () => {
    await judgeEveryOffer(ID);
  });
});
