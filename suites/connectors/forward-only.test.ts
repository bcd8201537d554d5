// A connector's status only moves forward, PREPARING then AVAILABLE then FINISHED, over the
// whole life of its session.

import { it } from 'vitest';
import { advance } from '../harness/clock.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import { followAccepted, type Sighting } from './observe.ts';

const ID = '/req/connectors/forward-only';
const ORDER = ['PREPARING', 'AVAILABLE', 'FINISHED'];
const ENDED = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);

function judge(seen: Sighting[]): void {
  const last = new Map<string, { status: string; sighting: Sighting }>();
  for (const sighting of seen)
    for (const connector of sighting.connectors) {
      const key = connector.stream ?? `connector ${connector.index}`;
      const status = String(connector.status);
      const rank = ORDER.indexOf(status);
      const before = last.get(key);
      if (before !== undefined && rank !== -1 && rank < ORDER.indexOf(before.status)) {
        fail(
          `the ${key} connector went back from ${before.status} to ${status} (session ${String(before.sighting.phase)} then ${String(sighting.phase)})`,
          {
            exchanges: [before.sighting.reply.exchange, sighting.reply.exchange],
            pointer: `/connectors/${connector.index}/status`,
          },
        );
      }
      if (rank !== -1) last.set(key, { status, sighting });
    }
}

requirement(ID, () => {
  it('the connectors of an accepted Docker session never move back, from offer to end', async () => {
    await followAccepted(
      () => false,
      (client) => advance(20, client),
      async (seen) => {
        if (seen.every((sighting) => sighting.connectors.length === 0))
          inconclusive(
            'the session carries no connectors to follow (/req/connectors/docker-logs says so)',
          );
        judge(seen);
        const end = seen.at(-1)?.phase;
        if (!ENDED.has(String(end)))
          inconclusive(
            `the session was still ${String(end)} when the wait ran out, so its connectors were not seen to the end`,
          );
      },
    );
  });
});
