import { it } from 'vitest';
import { UNKNOWN_EXECUTABLE_KINDS } from '../arbitraries/executable.ts';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';

requirement('/req/offerset/unknown-kind-no', () => {
  for (const kind of UNKNOWN_EXECUTABLE_KINDS) {
    it(`an executable of unknown kind ${kind} is answered NO, not with an error`, async () => {
      const client = new BrokerClient();
      const request = smallRequest(client, await brokerNow(client));
      request.executable = {
        kind,
        meta: { name: 'mystery' },
        location: 'https://example.org/thing',
      };
      const result = await client.create(request);
      await client.release(result.offerset);
      const answer = pick(result.offerset, 'result');
      expectCheck(
        answer === 'NO',
        `a request with executable kind ${kind} got ${answer === undefined ? `status ${result.status} and no OfferSet` : `result ${String(answer)}`}`,
        {
          exchanges: result.exchanges,
          pointer: '/result',
        },
      );
    });
  }

  it('a compute resource of unknown kind is answered NO, not with an error', async () => {
    const client = new BrokerClient();
    const request = smallRequest(client, await brokerNow(client));
    request.compute = {
      kind: 'https://example.org/kinds/compute/quantum-annealer',
      meta: { name: 'qpu' },
      cores: { min: 1 },
    };
    const result = await client.create(request);
    await client.release(result.offerset);
    const answer = pick(result.offerset, 'result');
    expectCheck(
      answer === 'NO',
      `a request with an unknown compute kind got ${answer === undefined ? `status ${result.status} and no OfferSet` : `result ${String(answer)}`}`,
      {
        exchanges: result.exchanges,
        pointer: '/result',
      },
    );
  });
});
