// Once a Docker session is AVAILABLE or RUNNING, its connectors are AVAILABLE, each with an
// absolute location that answers a GET with 200 and text.

import { it } from 'vitest';
import { advance } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import { acceptedSession, follow, requireConnectors } from './observe.ts';

const ID = '/req/connectors/location-answers';
const RUNS = new Set(['AVAILABLE', 'RUNNING']);

requirement(ID, () => {
  it('a running Docker session has AVAILABLE connectors whose locations answer with text', async () => {
    const client = new BrokerClient();
    requireConnectors(client);
    const { uuid, offerset } = await acceptedSession(client);
    try {
      const seen = await follow(
        client,
        uuid,
        (sighting) => RUNS.has(String(sighting.phase)),
        () => advance(10, client),
      );
      const running = seen.at(-1);
      if (running === undefined || !RUNS.has(String(running.phase)))
        inconclusive(
          `session ${uuid} was not seen AVAILABLE or RUNNING (last ${String(running?.phase)})`,
        );
      if (running.connectors.length === 0)
        inconclusive('the session carries no connectors (/req/connectors/docker-logs says so)');
      for (const connector of running.connectors) {
        const what = `the ${connector.stream ?? `#${connector.index}`} connector of ${String(running.phase)} session ${uuid}`;
        const pointer = `/connectors/${connector.index}`;
        if (connector.status !== 'AVAILABLE')
          fail(`${what} is ${String(connector.status)}, not AVAILABLE`, {
            exchanges: [running.reply.exchange],
            pointer: `${pointer}/status`,
          });
        if (typeof connector.location !== 'string' || !/^https?:\/\//i.test(connector.location))
          fail(`${what} has no absolute location (${JSON.stringify(connector.location)})`, {
            exchanges: [running.reply.exchange],
            pointer: `${pointer}/location`,
          });
        const read = await client.raw('GET', connector.location, {
          headers: { accept: 'text/plain, */*' },
        });
        const type = read.contentType ?? '';
        if (read.status !== 200 || !type.startsWith('text/'))
          fail(
            `${what}: GET ${connector.location} answered ${read.status || read.error} ${type}, not 200 with text`,
            {
              exchanges: [running.reply.exchange, read.exchange],
            },
          );
      }
      await client.cancel(uuid);
    } finally {
      await client.release(offerset);
    }
  });
});
