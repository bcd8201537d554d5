import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { documentsToCheck, expectSchemaClean } from '../harness/documents.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/schema/session-valid';

requirement(ID, () => {
  it('every session validates against the execution session schema', async () => {
    const client = new BrokerClient();
    const documents = await documentsToCheck(client);
    for (const sample of documents) expectSchemaClean(client, ID, sample);
  });
});
