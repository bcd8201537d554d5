// Once a Docker session is AVAILABLE or RUNNING, its connectors are AVAILABLE, each with an
// absolute location that answers a GET with 200 and text.

import { it } from 'vitest';
import { advance } from '../harness/clock.ts';
import type { BrokerClient } from '../harness/client.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import { followAccepted, type Connector, type Sighting } from './observe.ts';

const ID = '/req/connectors/location-answers';
const RUNS = new Set(['AVAILABLE', 'RUNNING']);

async function checkConnector(
  client: BrokerClient,
  running: Sighting,
  connector: Connector,
  uuid: string,
): Promise<void> {
  const what = `the ${connector.stream ?? `#${connector.index}`} connector of ${String(running.phase)} session ${uuid}`;
  const pointer = `/connectors/${connector.index}`;
  const exchanges = [running.reply.exchange];
  if (connector.status !== 'AVAILABLE')
    fail(`${what} is ${String(connector.status)}, not AVAILABLE`, {
      exchanges,
      pointer: `${pointer}/status`,
    });
  if (typeof connector.location !== 'string' || !/^https?:\/\//i.test(connector.location))
    fail(`${what} has no absolute location (${JSON.stringify(connector.location)})`, {
      exchanges,
      pointer: `${pointer}/location`,
    });
  const read = await client.raw('GET', connector.location, {
    headers: { accept: 'text/plain, */*' },
  });
  const type = read.contentType ?? '';
  if (read.status !== 200 || !type.startsWith('text/'))
    fail(
      `${what}: GET ${connector.location} answered ${read.status || read.error} ${type}, not 200 with text`,
      { exchanges: [...exchanges, read.exchange] },
    );
}

requirement(ID, () => {
  it('a running Docker session has AVAILABLE connectors whose locations answer with text', async () => {
    await followAccepted(
      (sighting) => RUNS.has(String(sighting.phase)),
      (client) => advance(10, client),
      async (seen, client, uuid) => {
        const running = seen.at(-1);
        if (running === undefined || !RUNS.has(String(running.phase)))
          inconclusive(
            `session ${uuid} was not seen AVAILABLE or RUNNING (last ${String(running?.phase)})`,
          );
        if (running.connectors.length === 0)
          inconclusive('the session carries no connectors (/req/connectors/docker-logs says so)');
        for (const connector of running.connectors)
          await checkConnector(client, running, connector, uuid);
        await client.cancel(uuid);
      },
    );
  });
});
