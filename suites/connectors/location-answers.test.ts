// Once a Docker session is AVAILABLE or RUNNING, its connectors are AVAILABLE, each with an
// absolute location that answers a GET with 200 and text. Judged on the shared connectors
// observation, which fetched each location while the session ran.

import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { requireFeature } from '../harness/features.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import { checkable, observed } from '../harness/stateful/judging.ts';

export const observes = ['connectors'] as const;

const ID = '/req/connectors/location-answers';
const RUNS = new Set(['AVAILABLE', 'RUNNING']);

requirement(ID, () => {
  it('a running Docker session has AVAILABLE connectors whose locations answer with text', async () => {
    requireFeature(new BrokerClient(), 'connectors');
    const { unchecked, session, sightings, reads } = await observed('connectors');
    checkable(unchecked);
    const running = sightings.find((sighting) => RUNS.has(sighting.phase ?? ''));
    if (running === undefined)
      inconclusive(
        `session ${session ?? '?'} was not seen AVAILABLE or RUNNING (seen: ${[...new Set(sightings.map((s) => s.phase))].join(', ')})`,
      );
    if (running.connectors.length === 0)
      inconclusive('the session carries no connectors (/req/connectors/docker-logs says so)');
    for (const connector of running.connectors) {
      const what = `the ${connector.stream ?? `#${connector.index}`} connector of ${running.phase ?? '?'} session ${session ?? '?'}`;
      const pointer = `/connectors/${connector.index}`;
      if (connector.status !== 'AVAILABLE')
        fail(`${what} is ${String(connector.status)}, not AVAILABLE`, {
          exchanges: running.exchangeIds,
          pointer: `${pointer}/status`,
        });
      if (typeof connector.location !== 'string' || !/^https?:\/\//i.test(connector.location))
        fail(`${what} has no absolute location (${JSON.stringify(connector.location)})`, {
          exchanges: running.exchangeIds,
          pointer: `${pointer}/location`,
        });
    }
    for (const read of reads) {
      const type = read.contentType ?? '';
      if (read.status !== 200 || !type.startsWith('text/'))
        fail(
          `the ${read.stream} log: GET ${read.location} answered ${read.status || read.error} ${type}, not 200 with text`,
          { exchanges: [read.exchangeId] },
        );
    }
    if (reads.length === 0) inconclusive('no connector location was given while the session ran');
  });
});
