import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient, uuidOf } from '../harness/client.ts';
import { expectRuleClean, impossibleRequest } from '../harness/documents.ts';
import { pick } from '../harness/offers.ts';
import { expectCheck, fail, requirement } from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';

const ID = '/req/offerset/create-redirect-or-body';

requirement(ID, () => {
  for (const answer of ['YES', 'NO'] as const) {
    it(`a create request that gets ${answer} is answered 303 + Location, or 200 + the OfferSet`, async () => {
      const client = new BrokerClient();
      const now = await brokerNow(client);
      const request = answer === 'YES' ? smallRequest(client, now) : impossibleRequest(client, now);
      const result = await client.create(request, { followRedirect: false });
      const [post] = result.replies;
      if (post === undefined) throw new Error('the client recorded no exchange');
      try {
        // The status, the Location and a 200's body are the registry rule's to judge.
        expectRuleClean(client, ID, post, 'OfferSetResponse');
        expectCheck(
          post.status === 200 || post.status === 303,
          `create answered ${post.status}; the standard allows 303 See Other or 200`,
          {
            exchanges: [post.exchange],
          },
        );
        if (post.status === 200) return;
        // What only a live run can do: follow the Location and see the OfferSet it names.
        const location = post.headers.location ?? '';
        const get = await client.raw(
          'GET',
          new URL(location, client.url(client.paths.create)).toString(),
          {
            headers: { accept: 'application/json' },
            expect: 'OfferSetResponse',
          },
        );
        if (get.status !== 200 || pick(get.body, 'result') === undefined) {
          fail(
            `GET ${location} (the Location of the 303) answered ${get.status} without an OfferSet`,
            {
              exchanges: [post.exchange, get.exchange],
            },
          );
        }
        const posted = uuidOf(post.body);
        if (posted !== undefined) {
          expectCheck(
            uuidOf(get.body) === posted,
            `the 303 body names offerset ${posted} but its Location gives ${String(uuidOf(get.body))}`,
            {
              exchanges: [post.exchange, get.exchange],
              pointer: '/meta/uuid',
            },
          );
        }
        await client.release(get.body);
      } finally {
        await client.release(post.body);
      }
    });
  }
});
