import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { judgeSamples } from '../harness/documents.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/schema/offerset-valid';

requirement(ID, () => {
  it('every OfferSet validates against the OfferSetResponse schema', async () => {
    await judgeSamples(new BrokerClient(), ID);
  });
});
