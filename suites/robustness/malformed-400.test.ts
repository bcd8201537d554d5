import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';
import { malformedBodies } from './hostile-inputs.ts';

requirement('/req/robustness/malformed-400', () => {
  it('a body that cannot be parsed, or has the wrong shape, is answered 400', async () => {
    const client = new BrokerClient();
    for (const hostile of malformedBodies(client)) {
      const reply = await client.raw(hostile.method, hostile.path, {
        headers: hostile.headers,
        ...(hostile.body === undefined ? {} : { body: hostile.body }),
      });
      await client.release(reply.body);
      expectCheck(
        reply.status === 400,
        `${hostile.name} was answered ${reply.status === 0 ? `with nothing (${reply.error ?? ''})` : reply.status}, not 400`,
        {
          exchanges: [reply.exchange],
        },
      );
    }
  });
});
