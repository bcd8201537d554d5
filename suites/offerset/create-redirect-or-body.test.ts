import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient, uuidOf } from '../harness/client.ts';
import { impossibleRequest } from '../harness/documents.ts';
import { pick } from '../harness/offers.ts';
import { expectCheck, fail, requirement } from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';

requirement('/req/offerset/create-redirect-or-body', () => {
  for (const answer of ['YES', 'NO'] as const) {
    it(`a create request that gets ${answer} is answered 303 + Location, or 200 + the OfferSet`, async () => {
      const client = new BrokerClient();
      const now = await brokerNow(client);
      const request = answer === 'YES' ? smallRequest(client, now) : impossibleRequest(client, now);
      const result = await client.create(request, { followRedirect: false });
      const [post] = result.replies;
      if (post === undefined) throw new Error('the client recorded no exchange');
      try {
        if (post.status === 200) {
          expectCheck(
            pick(post.body, 'result') !== undefined,
            'a 200 answer to create carries no OfferSet body',
            {
              exchanges: [post.exchange],
            },
          );
          return;
        }
        expectCheck(
          post.status === 303,
          `create answered ${post.status}; the standard allows 303 See Other or 200`,
          {
            exchanges: [post.exchange],
          },
        );
        const location = post.headers.location;
        expectCheck(
          location !== undefined && location !== '',
          'a 303 answer to create has no Location header',
          {
            exchanges: [post.exchange],
          },
        );
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
