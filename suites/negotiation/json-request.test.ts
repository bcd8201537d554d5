import { it } from 'vitest';
import { negotiate, describeType } from '../harness/negotiation.ts';
import { pick } from '../harness/offers.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';

requirement('/req/negotiation/json-request', () => {
  it('a create request sent as application/json is understood', async () => {
    const { result, answer } = await negotiate('application/json', 'json');
    expectCheck(
      pick(result.offerset, 'result') === 'YES' || pick(result.offerset, 'result') === 'NO',
      `a JSON create request got ${describeType(answer)} and no OfferSet`,
      { exchanges: result.exchanges },
    );
  });
});
