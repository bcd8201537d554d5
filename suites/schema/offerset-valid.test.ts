import { it } from 'vitest';
import { schemaFindings } from '../harness/checks.ts';
import { BrokerClient } from '../harness/client.ts';
import { sampleDocuments } from '../harness/documents.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';

const ID = '/req/schema/offerset-valid';

requirement(ID, () => {
  it('every OfferSet validates against the OfferSetResponse schema', async () => {
    const client = new BrokerClient();
    const documents = await sampleDocuments(client);
    if (documents.length === 0) inconclusive('the broker returned no document to validate');
    for (const { type, doc, reply, origin } of documents) {
      const finding = schemaFindings(client.context.profile, type, doc).find(
        (f) => f.requirement === ID,
      );
      if (finding !== undefined) {
        fail(`${origin}: ${finding.message}`, {
          exchanges: [reply.exchange],
          ...(finding.pointer === undefined ? {} : { pointer: finding.pointer }),
        });
      }
    }
  });
});
