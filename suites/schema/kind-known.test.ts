import { it } from 'vitest';
import { unknownKinds } from '../harness/checks.ts';
import { BrokerClient } from '../harness/client.ts';
import { sampleDocuments } from '../harness/documents.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';

requirement('/req/schema/kind-known', () => {
  it('every kind value in a response is a URI the profile maps', async () => {
    const client = new BrokerClient();
    const documents = await sampleDocuments(client);
    if (documents.length === 0) inconclusive('the broker returned no document to check');
    for (const { doc, reply, origin } of documents) {
      const [finding] = unknownKinds(client.context.profile, doc);
      if (finding !== undefined)
        fail(`${origin}: ${finding.message}`, {
          exchanges: [reply.exchange],
          pointer: finding.pointer ?? '',
        });
    }
  });
});
