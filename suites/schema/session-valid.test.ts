import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { judgeSamples } from '../harness/documents.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/schema/session-valid';

requirement(ID, () => {
  it('every session validates against the execution session schema', async () => {
    await judgeSamples(new BrokerClient(), ID);
  });
});
