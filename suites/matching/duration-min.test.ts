import { it } from 'vitest';
import { judgeEveryOffer } from '../harness/offer-property.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/matching/duration-min';

requirement(ID, () => {
  it("every offer's available duration is at least the requested duration", async () => {
    await judgeEveryOffer(ID, { request: { schedule: 'always' } });
  });
});
