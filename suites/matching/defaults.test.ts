import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { pick, provided, rangeOf } from '../harness/offers.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';
import { createOffers, smallRequest } from '../harness/samples.ts';

requirement('/req/matching/defaults', () => {
  it('omitted cores and memory default to 1 core and 1 GiB, and a missing max equals the min', async () => {
    const client = new BrokerClient();
    const request = smallRequest(client, await brokerNow(client));
    const compute = request.compute as Record<string, unknown>;
    delete compute.cores;
    delete compute.memory;
    const { offers, offerset, result } = await createOffers(client, request);
    try {
      offers.forEach((offer, index) => {
        const cores = provided(pick(offer, 'compute', 'cores'));
        const memory = provided(pick(offer, 'compute', 'memory'));
        expectCheck(
          cores !== undefined && cores >= 1,
          `offer ${index} provides ${cores ?? 'no stated number of'} cores where the default is 1`,
          {
            pointer: `/offers/${index}/compute/cores`,
            exchanges: result.exchanges,
          },
        );
        expectCheck(
          memory !== undefined && memory >= 1,
          `offer ${index} provides ${memory ?? 'no stated amount of'} GiB where the default is 1 GiB`,
          {
            pointer: `/offers/${index}/compute/memory`,
            exchanges: result.exchanges,
          },
        );
      });
    } finally {
      await client.release(offerset);
    }
  });

  it('a request giving only a minimum is offered no more than that minimum', async () => {
    const client = new BrokerClient();
    const { offers, offerset, result } = await createOffers(
      client,
      smallRequest(client, await brokerNow(client), { cores: { min: 2 }, memory: { min: 2 } }),
    );
    try {
      offers.forEach((offer, index) => {
        for (const resource of ['cores', 'memory'] as const) {
          const given = rangeOf(pick(offer, 'compute', resource));
          const most = Math.max(given?.min ?? 0, given?.max ?? 0);
          expectCheck(
            most <= 2,
            `offer ${index} provides up to ${most} ${resource} where the request's minimum 2 is also its maximum`,
            {
              pointer: `/offers/${index}/compute/${resource}`,
              exchanges: result.exchanges,
            },
          );
        }
      });
    } finally {
      await client.release(offerset);
    }
  });
});
