import { it } from 'vitest';
import { invalidReasons } from '../arbitraries/classify.ts';
import { requestArbitrary } from '../arbitraries/request.ts';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import { checkProperty } from '../harness/property.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';

requirement('/req/offerset/invalid-never-yes', () => {
  it('a request that cannot be met is never answered YES', async () => {
    const client = new BrokerClient();
    const now = await brokerNow(client);
    let invalid = 0;
    await checkProperty(
      requestArbitrary({ profile: client.context.profile, now, shape: 'edge', schedule: 'always' }),
      async (request) => {
        const reasons = invalidReasons(request, now);
        const result = await client.create(request);
        await client.release(result.offerset);
        if (reasons.length === 0 || result.offerset === undefined) return;
        invalid += 1;
        if (pick(result.offerset, 'result') === 'YES') {
          fail(`a request that cannot be met (${reasons.join('; ')}) was answered YES`, {
            exchanges: result.exchanges,
            pointer: '/result',
          });
        }
      },
    );
    if (invalid === 0)
      inconclusive('no invalid generated request got an OfferSet back, so nothing was checked');
  });
});
