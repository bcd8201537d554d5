import { it } from 'vitest';
import { negotiate, describeType } from '../harness/negotiation.ts';
import { pick } from '../harness/offers.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';

requirement('/req/negotiation/yaml-request', () => {
  it('a create request sent as application/yaml is understood', async () => {
    const { result, answer } = await negotiate('application/json', 'yaml');
    expectCheck(
      pick(result.offerset, 'result') === 'YES' || pick(result.offerset, 'result') === 'NO',
      `a YAML create request got ${describeType(answer)} and no OfferSet`,
      { exchanges: result.exchanges },
    );
  });
});
