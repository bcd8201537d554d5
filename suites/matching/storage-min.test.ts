import { it } from 'vitest';
import { judgeEveryOffer } from '../harness/offer-property.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/matching/storage-min';

requirement(ID, () => {
  it('every offer provides at least the requested minimum size of each storage resource', async () => {
    await judgeEveryOffer(ID, { request: { storage: true } });
  });
});
