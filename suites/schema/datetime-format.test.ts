import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { judgeSamples } from '../harness/documents.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/schema/datetime-format';

requirement(ID, () => {
  it('instants, durations and intervals in responses are ISO 8601 of the allowed forms', async () => {
    await judgeSamples(new BrokerClient(), ID);
  });
});
