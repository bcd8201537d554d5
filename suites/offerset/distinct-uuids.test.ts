import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient, offersOf, uuidOf } from '../harness/client.ts';
import { expectCheck, inconclusive, requirement } from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';

requirement('/req/offerset/distinct-uuids', () => {
  it('two identical create requests give distinct offerset and offer uuids', async () => {
    const client = new BrokerClient();
    const request = smallRequest(client, await brokerNow(client));
    const first = await client.create(request);
    const second = await client.create(request);
    await client.release(first.offerset);
    await client.release(second.offerset);
    const a = uuidOf(first.offerset);
    const b = uuidOf(second.offerset);
    if (a === undefined || b === undefined)
      inconclusive('an answer carried no offerset uuid to compare');
    const exchanges = [...first.exchanges, ...second.exchanges];
    expectCheck(a !== b, `both requests got offerset ${a}`, { exchanges, pointer: '/meta/uuid' });
    const seen = new Set(offersOf(first.offerset).map(uuidOf));
    const reused = offersOf(second.offerset)
      .map(uuidOf)
      .filter((uuid) => uuid !== undefined && seen.has(uuid));
    expectCheck(reused.length === 0, `both offersets contain offer ${reused[0]}`, {
      exchanges,
      pointer: '/offers',
    });
  });
});
