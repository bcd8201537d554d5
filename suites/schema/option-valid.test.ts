import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { judgeSamples } from '../harness/documents.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/schema/option-valid';

requirement(ID, () => {
  it('every option has a known option kind and a path', async () => {
    await judgeSamples(new BrokerClient(), ID);
  });
});
