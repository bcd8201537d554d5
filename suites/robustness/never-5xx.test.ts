import fc from 'fast-check';
import { it } from 'vitest';
import { requestArbitrary } from '../arbitraries/request.ts';
import { fakerRequestArbitrary } from '../arbitraries/faker.ts';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { checkProperty } from '../harness/property.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';
import { hostileRequests } from './hostile-inputs.ts';

const ID = '/req/robustness/no-5xx';

requirement(ID, () => {
  it('no hostile request gets a 5xx answer', async () => {
    const client = new BrokerClient();
    for (const hostile of hostileRequests(client)) {
      const reply = await client.raw(hostile.method, hostile.path, {
        headers: hostile.headers,
        ...(hostile.body === undefined ? {} : { body: hostile.body }),
      });
      await client.release(reply.body);
      expectCheck(
        reply.status < 500,
        `${hostile.name} got ${reply.status === 0 ? `no answer (${reply.error ?? 'transport error'})` : `status ${reply.status}`}`,
        {
          exchanges: [reply.exchange],
        },
      );
    }
  });

  it('no generated edge-case request gets a 5xx answer', async () => {
    const client = new BrokerClient();
    const now = await brokerNow(client);
    await checkProperty(
      requestArbitrary({ profile: client.context.profile, now, shape: 'edge' }),
      async (request) => {
        const result = await client.create(request);
        await client.release(result.offerset);
        const bad = result.replies.find((reply) => reply.status >= 500);
        expectCheck(bad === undefined, `a generated request got status ${bad?.status}`, {
          exchanges: result.exchanges,
        });
      },
    );
  });

  it('no schema-generated (json-schema-faker) ExecutionRequest gets a 5xx answer', async () => {
    const client = new BrokerClient();
    await checkProperty(
      fakerRequestArbitrary(),
      async (request) => {
        const result = await client.create(request);
        await client.release(result.offerset);
        const bad = result.replies.find((reply) => reply.status >= 500);
        expectCheck(bad === undefined, `a schema-generated request got status ${bad?.status}`, {
          exchanges: result.exchanges,
        });
      },
      { runs: Math.min(client.context.runs, 40) },
    );
  });

  it('no arbitrary JSON document sent as a request gets a 5xx answer', async () => {
    const client = new BrokerClient();
    await checkProperty(
      fc.jsonValue({ maxDepth: 4 }),
      async (value) => {
        const reply = await client.raw('POST', client.paths.create, {
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(value),
        });
        await client.release(reply.body);
        expectCheck(reply.status < 500, `the JSON document got status ${reply.status}`, {
          exchanges: [reply.exchange],
        });
      },
      { runs: Math.min(client.context.runs, 40) },
    );
  });
});
