import { it } from 'vitest';
import { BrokerClient, uuidOf } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';
import { createOffers } from '../harness/samples.ts';

requirement('/req/offerset/offer-url-resolves', () => {
  it("each offer's meta.url GETs that offer's session", async () => {
    const client = new BrokerClient();
    const { offers, offerset, result } = await createOffers(client);
    try {
      for (const [index, offer] of offers.entries()) {
        const url = pick(offer, 'meta', 'url');
        expectCheck(typeof url === 'string' && url !== '', `offer ${index} has no meta.url`, {
          exchanges: result.exchanges,
          pointer: `/offers/${index}/meta/url`,
        });
        const read = await client.getSession(new URL(url, client.url('/')).toString());
        expectCheck(
          read.status === 200 && uuidOf(read.body) === uuidOf(offer),
          `GET ${url} (offer ${index}'s meta.url) answered ${read.status}${read.status === 200 ? ` with session ${String(uuidOf(read.body))} instead of ${String(uuidOf(offer))}` : ''}`,
          { exchanges: [...result.exchanges, read.exchange], pointer: `/offers/${index}/meta/url` },
        );
      }
    } finally {
      await client.release(offerset);
    }
  });
});
