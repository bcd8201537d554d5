import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';
import { hostileRequests } from './hostile-inputs.ts';

requirement('/req/robustness/answers-promptly', () => {
  it('every hostile request gets a complete answer within the request timeout', async () => {
    const client = new BrokerClient();
    // All at once: a broker that hangs on one input must not make this test wait once per input.
    const replies = await Promise.all(
      hostileRequests(client).map(async (hostile) => ({
        hostile,
        reply: await client.raw(hostile.method, hostile.path, {
          headers: hostile.headers,
          ...(hostile.body === undefined ? {} : { body: hostile.body }),
        }),
      })),
    );
    for (const { hostile, reply } of replies) {
      await client.release(reply.body);
      expectCheck(
        !reply.timedOut,
        `${hostile.name} got no complete answer: ${reply.error ?? 'timeout'}`,
        { exchanges: [reply.exchange] },
      );
    }
  });
});
