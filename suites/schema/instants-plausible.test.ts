import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { judgeSamples } from '../harness/documents.ts';
import { requirement } from '../harness/requirement.ts';

const ID = '/req/schema/instants-plausible';

requirement(ID, () => {
  it("no instant in a response lies before 1990 or before its component's own creation", async () => {
    await judgeSamples(new BrokerClient(), ID);
  });
});
