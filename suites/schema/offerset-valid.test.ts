import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { documentsToCheck, expectSchemaClean } from '../harness/documents.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/schema/offerset-valid';

requirement(ID, () => {
  it('every OfferSet validates against the OfferSetResponse schema', async () => {
    const client = new BrokerClient();
    const documents = await documentsToCheck(client);
    for (const sample of documents) expectSchemaClean(client, ID, sample);
  });
});
