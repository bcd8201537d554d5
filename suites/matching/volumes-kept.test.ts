import { it } from 'vitest';
import { judgeEveryOffer } from '../harness/offer-property.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/matching/volumes-kept';

requirement(ID, () => {
  it('every offer keeps the volume mounts the request asked for', async () => {
    await judgeEveryOffer(ID, { request: { storage: true } });
  });
});
