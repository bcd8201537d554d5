// Every Docker session carries its two log connectors, stdout and stderr, over HTTP: as an
// offer, and once accepted.

import { it } from 'vitest';
import { BrokerClient, uuidOf } from '../harness/client.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import { createOffers } from '../harness/samples.ts';
import { connectorsOf, requireConnectors, type Stream } from './observe.ts';

const ID = '/req/connectors/docker-logs';

function check(
  session: unknown,
  client: BrokerClient,
  what: string,
  exchange: Parameters<typeof fail>[1],
): void {
  const connectors = connectorsOf(session, client);
  for (const stream of ['stdout', 'stderr'] as Stream[]) {
    const found = connectors.filter((connector) => connector.stream === stream);
    if (found.length !== 1) {
      fail(
        `${what} carries ${found.length} ${stream} connector${found.length === 1 ? '' : 's'} (of ${connectors.length}); a Docker session has exactly one, of kind docker-container-${stream}-get`,
        { ...exchange, pointer: '/connectors' },
      );
    }
    const protocol = found[0]!.protocol;
    if (typeof protocol !== 'string' || protocol.toUpperCase() !== 'HTTP') {
      fail(`${what}: its ${stream} connector's protocol is ${JSON.stringify(protocol)}, not HTTP`, {
        ...exchange,
        pointer: `/connectors/${found[0]!.index}/protocol`,
      });
    }
  }
}

requirement(ID, () => {
  it('every Docker offer, and the session once accepted, has one stdout and one stderr connector', async () => {
    const client = new BrokerClient();
    requireConnectors(client);
    const { offers, offerset, result } = await createOffers(client);
    try {
      offers.forEach((offer, index) =>
        check(offer, client, `offer ${index}`, { exchanges: result.exchanges }),
      );
      const uuid = uuidOf(offers[0]);
      if (uuid === undefined) inconclusive('the first offer has no meta.uuid to accept');
      const accepted = await client.accept(uuid);
      if (accepted.status !== 200 && accepted.status !== 303)
        inconclusive(`accepting offer ${uuid} was answered ${accepted.status}`);
      const read = await client.getSession(uuid);
      check(read.body, client, `accepted session ${uuid}`, { exchanges: [read.exchange] });
      await client.cancel(uuid);
    } finally {
      await client.release(offerset);
    }
  });
});
