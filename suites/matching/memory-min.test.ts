import { it } from 'vitest';
import { judgeEveryOffer } from '../harness/offer-property.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/matching/memory-min';

requirement(ID, () => {
  it('every offer provides at least the requested minimum memory', async () => {
    await judgeEveryOffer(ID);
  });
});
