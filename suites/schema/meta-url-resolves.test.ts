import { it } from 'vitest';
import { BrokerClient, uuidOf } from '../harness/client.ts';
import { sampleDocuments } from '../harness/documents.ts';
import { pick } from '../harness/offers.ts';
import { expectCheck, inconclusive, requirement } from '../harness/requirement.ts';

requirement('/req/schema/meta-url-resolves', () => {
  it('the meta.url of an offerset GETs that same offerset', async () => {
    const client = new BrokerClient();
    const offersets = (await sampleDocuments(client)).filter((d) => d.type === 'OfferSetResponse');
    if (offersets.length === 0) inconclusive('the broker returned no offerset');
    for (const { doc, reply, origin } of offersets) {
      const url = pick(doc, 'meta', 'url');
      expectCheck(typeof url === 'string' && url !== '', `${origin} has no meta.url`, {
        exchanges: [reply.exchange],
        pointer: '/meta/url',
      });
      const read = await client.raw('GET', new URL(url, client.url('/')).toString(), {
        headers: { accept: 'application/json' },
        expect: 'OfferSetResponse',
      });
      expectCheck(
        read.status === 200 && uuidOf(read.body) === uuidOf(doc),
        `GET ${url} (the meta.url of ${origin}) answered ${read.status}${read.status === 200 ? ` with uuid ${String(uuidOf(read.body))} instead of ${String(uuidOf(doc))}` : ''}`,
        { exchanges: [reply.exchange, read.exchange], pointer: '/meta/url' },
      );
    }
  });
});
