import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { expectRuleClean } from '../harness/documents.ts';
import { notApplicable, requirement } from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';

const ID = '/req/offerset/location-absolute';

requirement(ID, () => {
  it('the Location of a 303 answer is an absolute URL', async () => {
    const client = new BrokerClient();
    const result = await client.create(smallRequest(client, await brokerNow(client)));
    await client.release(result.offerset);
    const [post] = result.replies;
    if (post?.status !== 303)
      notApplicable(
        `create answered ${post?.status ?? 'nothing'}, not 303, so there is no Location`,
      );
    expectRuleClean(client, ID, post, 'OfferSetResponse');
  });
});
