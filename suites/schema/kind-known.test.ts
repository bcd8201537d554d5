import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { judgeSamples } from '../harness/documents.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/schema/kind-known';

requirement(ID, () => {
  it('every kind value in a response is a URI the profile maps', async () => {
    await judgeSamples(new BrokerClient(), ID);
  });
});
