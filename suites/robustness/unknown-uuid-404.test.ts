import { randomUUID } from 'node:crypto';
import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';

requirement('/req/robustness/unknown-uuid-404', () => {
  it('GET and POST on an offerset or session uuid never issued are answered 404', async () => {
    const client = new BrokerClient();
    const uuid = randomUUID();
    const replies = [
      await client.getOfferSet(uuid),
      await client.getSession(uuid),
      await client.update(uuid, 'ACCEPTED'),
    ];
    for (const reply of replies) {
      expectCheck(
        reply.status === 404,
        `${reply.exchange.request.method} ${reply.exchange.request.url} was answered ${reply.status}, not 404`,
        {
          exchanges: [reply.exchange],
        },
      );
    }
  });
});
