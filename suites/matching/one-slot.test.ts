import { it } from 'vitest';
import { judgeEveryOffer } from '../harness/offer-property.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/matching/one-slot';

requirement(ID, () => {
  it('every offer carries exactly one time slot', async () => {
    await judgeEveryOffer(ID);
  });
});
