import { it } from 'vitest';
import { requestArbitrary } from '../arbitraries/request.ts';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { expectRuleClean } from '../harness/documents.ts';
import { checkProperty } from '../harness/property.ts';
import { inconclusive, requirement } from '../harness/requirement.ts';

const ID = '/req/offerset/yes-has-offers';

requirement(ID, () => {
  it('an OfferSet with result YES contains at least one offer', async () => {
    const client = new BrokerClient();
    const now = await brokerNow(client);
    let yes = 0;
    await checkProperty(
      requestArbitrary({ profile: client.context.profile, now }),
      async (request) => {
        const result = await client.create(request);
        await client.release(result.offerset);
        const answer = result.replies.at(-1);
        if (answer !== undefined && result.offerset !== undefined)
          yes += expectRuleClean(client, ID, answer, 'OfferSetResponse');
      },
    );
    if (yes === 0) inconclusive('no generated request was answered YES, so no YES was checked');
  });
});
