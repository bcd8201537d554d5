import fc from 'fast-check';
import { it } from 'vitest';
import { requestArbitrary } from '../arbitraries/request.ts';
import { fakerRequestArbitrary } from '../arbitraries/faker.ts';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { checkProperty } from '../harness/property.ts';
import { expectCheck, inconclusive, requirement } from '../harness/requirement.ts';
import { hostileRequests } from './hostile-inputs.ts';

const ID = '/req/robustness/no-5xx';

/** A target that answered nothing has shown no status at all: that is no PASS. */
function unlessSilent(answered: number): void {
  if (answered === 0)
    inconclusive('the broker answered none of the requests, so there was no status to check');
}

requirement(ID, () => {
  it('no hostile request gets a 5xx answer', async () => {
    const client = new BrokerClient();
    let answered = 0;
    for (const hostile of hostileRequests(client)) {
      const reply = await client.raw(hostile.method, hostile.path, {
        headers: hostile.headers,
        ...(hostile.body === undefined ? {} : { body: hostile.body }),
      });
      await client.release(reply.body);
      if (reply.status !== 0) answered += 1;
      expectCheck(
        reply.status < 500,
        `${hostile.name} got ${reply.status === 0 ? `no answer (${reply.error ?? 'transport error'})` : `status ${reply.status}`}`,
        {
          exchanges: [reply.exchange],
        },
      );
    }
    unlessSilent(answered);
  });

  it('no generated edge-case request gets a 5xx answer', async () => {
    const client = new BrokerClient();
    const now = await brokerNow(client);
    let answered = 0;
    await checkProperty(
      requestArbitrary({ profile: client.context.profile, now, shape: 'edge' }),
      async (request) => {
        const result = await client.create(request);
        await client.release(result.offerset);
        if (result.status !== 0) answered += 1;
        const bad = result.replies.find((reply) => reply.status >= 500);
        expectCheck(bad === undefined, `a generated request got status ${bad?.status}`, {
          exchanges: result.exchanges,
        });
      },
    );
    unlessSilent(answered);
  });

  it('no schema-generated (json-schema-faker) ExecutionRequest gets a 5xx answer', async () => {
    const client = new BrokerClient();
    let answered = 0;
    await checkProperty(
      fakerRequestArbitrary(),
      async (request) => {
        const result = await client.create(request);
        await client.release(result.offerset);
        if (result.status !== 0) answered += 1;
        const bad = result.replies.find((reply) => reply.status >= 500);
        expectCheck(bad === undefined, `a schema-generated request got status ${bad?.status}`, {
          exchanges: result.exchanges,
        });
      },
      { runs: Math.min(client.context.runs, 40) },
    );
    unlessSilent(answered);
  });

  it('no arbitrary JSON document sent as a request gets a 5xx answer', async () => {
    const client = new BrokerClient();
    let answered = 0;
    await checkProperty(
      fc.jsonValue({ maxDepth: 4 }),
      async (value) => {
        const reply = await client.raw('POST', client.paths.create, {
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(value),
        });
        await client.release(reply.body);
        if (reply.status !== 0) answered += 1;
        expectCheck(reply.status < 500, `the JSON document got status ${reply.status}`, {
          exchanges: [reply.exchange],
        });
      },
      { runs: Math.min(client.context.runs, 40) },
    );
    unlessSilent(answered);
  });
});
