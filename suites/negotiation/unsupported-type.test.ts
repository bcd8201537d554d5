import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';

requirement('/req/negotiation/unsupported-type', () => {
  it('a request body in an unsupported media type gets 415', async () => {
    const client = new BrokerClient();
    const body = JSON.stringify(smallRequest(client, await brokerNow(client)));
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const reply = await client.raw('POST', client.paths.create, {
        headers: { 'content-type': type, accept: 'application/json' },
        body,
      });
      await client.release(reply.body);
      expectCheck(reply.status === 415, `a ${type} body was answered ${reply.status}, not 415`, {
        exchanges: [reply.exchange],
      });
    }
  });

  it('an Accept naming only unsupported types gets 406', async () => {
    const client = new BrokerClient();
    const body = JSON.stringify(smallRequest(client, await brokerNow(client)));
    const reply = await client.raw('POST', client.paths.create, {
      headers: { 'content-type': 'application/json', accept: 'text/html, image/png' },
      body,
    });
    await client.release(reply.body);
    expectCheck(
      reply.status === 406,
      `Accept "text/html, image/png" was answered ${reply.status}, not 406`,
      { exchanges: [reply.exchange] },
    );
  });
});
