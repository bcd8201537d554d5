// A connector's status only moves forward, PREPARING then AVAILABLE then FINISHED, over the
// whole life of its session. Judged on the shared connectors observation (a Docker session
// accepted at the start of the run and read until it ended).

import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { requireFeature } from '../harness/features.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import { checkable, observed } from '../harness/stateful/judging.ts';
import type { ConnectorSighting } from '../harness/stateful/observations/index.ts';

export const observes = ['connectors'] as const;

const ID = '/req/connectors/forward-only';
const ORDER = ['PREPARING', 'AVAILABLE', 'FINISHED'];
const ENDED = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);

function judge(seen: ConnectorSighting[]): void {
  const last = new Map<string, { status: string; sighting: ConnectorSighting }>();
  for (const sighting of seen)
    for (const connector of sighting.connectors) {
      const key = connector.stream ?? `connector ${connector.index}`;
      const status = String(connector.status);
      const rank = ORDER.indexOf(status);
      const before = last.get(key);
      if (before !== undefined && rank !== -1 && rank < ORDER.indexOf(before.status)) {
        fail(
          `the ${key} connector went back from ${before.status} to ${status} (session ${before.sighting.phase ?? '?'} then ${sighting.phase ?? '?'})`,
          {
            exchanges: [...before.sighting.exchangeIds, ...sighting.exchangeIds],
            pointer: `/connectors/${connector.index}/status`,
          },
        );
      }
      if (rank !== -1) last.set(key, { status, sighting });
    }
}

requirement(ID, () => {
  it('the connectors of an accepted Docker session never move back, from offer to end', async () => {
    requireFeature(new BrokerClient(), 'connectors');
    const { unchecked, sightings } = await observed('connectors');
    checkable(unchecked);
    if (sightings.every((sighting) => sighting.connectors.length === 0))
      inconclusive(
        'the session carries no connectors to follow (/req/connectors/docker-logs says so)',
      );
    judge(sightings);
    const end = sightings.at(-1)?.phase;
    if (!ENDED.has(String(end)))
      inconclusive(
        `the session was still ${String(end)} when the wait ran out, so its connectors were not seen to the end`,
      );
  });
});
