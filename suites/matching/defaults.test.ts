import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { judgeOffersOf } from '../harness/offer-property.ts';
import { requirement } from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';

const ID = '/req/matching/defaults';

requirement(ID, () => {
  it('omitted cores and memory default to 1 core and 1 GiB, and a missing max equals the min', async () => {
    const client = new BrokerClient();
    const request = smallRequest(client, await brokerNow(client));
    const compute = request.compute as Record<string, unknown>;
    delete compute.cores;
    delete compute.memory;
    await judgeOffersOf(ID, client, request);
  });

  it('a request giving only a minimum is offered no more than that minimum', async () => {
    const client = new BrokerClient();
    const request = smallRequest(client, await brokerNow(client), {
      cores: { min: 2 },
      memory: { min: 2 },
    });
    await judgeOffersOf(ID, client, request);
  });
});
