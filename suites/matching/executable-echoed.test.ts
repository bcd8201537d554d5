import { it } from 'vitest';
import { judgeEveryOffer } from '../harness/offer-property.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/matching/executable-echoed';

requirement(ID, () => {
  it('every offer describes the requested executable, with the same kind', async () => {
    await judgeEveryOffer(ID);
  });
});
