import { it } from 'vitest';
import { requestArbitrary } from '../arbitraries/request.ts';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient, offersOf } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import { checkProperty } from '../harness/property.ts';
import { expectCheck, inconclusive, requirement } from '../harness/requirement.ts';

requirement('/req/offerset/yes-has-offers', () => {
  it('an OfferSet with result YES contains at least one offer', async () => {
    const client = new BrokerClient();
    const now = await brokerNow(client);
    let yes = 0;
    await checkProperty(
      requestArbitrary({ profile: client.context.profile, now }),
      async (request) => {
        const result = await client.create(request);
        await client.release(result.offerset);
        if (pick(result.offerset, 'result') !== 'YES') return;
        yes += 1;
        expectCheck(
          offersOf(result.offerset).length > 0,
          'the answer says YES but lists no offers',
          {
            exchanges: result.exchanges,
            pointer: '/offers',
          },
        );
      },
    );
    if (yes === 0) inconclusive('no generated request was answered YES, so no YES was checked');
  });
});
