import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { judgeSamples } from '../harness/documents.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/schema/message-valid';

requirement(ID, () => {
  it('every message validates against the MessageItem schema', async () => {
    await judgeSamples(new BrokerClient(), ID);
  });
});
