import { it } from 'vitest';
import { judgeEveryOffer } from '../harness/offer-property.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/matching/start-in-window';

requirement(ID, () => {
  it("every offer's scheduled start lies inside a requested start interval", async () => {
    await judgeEveryOffer(ID, { request: { schedule: 'always' } });
  });
});
