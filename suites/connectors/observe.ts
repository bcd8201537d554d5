// What the connectors tests share: reading a session's connectors by the kind they name, and
// following an accepted Docker session through its life (a control clock is stepped, otherwise
// the test polls, bounded by --max-wait).

import { brokerNow } from '../harness/clock.ts';
import { BrokerClient, uuidOf, type Reply } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import { inconclusive } from '../harness/requirement.ts';
import { createOffers, smallRequest } from '../harness/samples.ts';
import { connectorKindName } from '../../spec/index.ts';
import { requireFeature } from '../harness/features.ts';

export type Stream = 'stdout' | 'stderr';

export interface Connector {
  index: number;
  stream: Stream | undefined;
  kind: unknown;
  status: unknown;
  protocol: unknown;
  location: unknown;
}

export interface Sighting {
  phase: unknown;
  connectors: Connector[];
  reply: Reply;
}

const ENDED = new Set(['COMPLETED', 'CANCELLED', 'FAILED', 'REJECTED', 'EXPIRED']);

export function requireConnectors(client: BrokerClient): void {
  requireFeature(client, 'connectors');
}

/** A session's connectors, each with the log stream its kind names (under either kind host). */
export function connectorsOf(session: unknown, client: BrokerClient): Connector[] {
  const list = pick(session, 'connectors');
  if (!Array.isArray(list)) return [];
  return list.map((item: unknown, index) => {
    const kind = pick(item, 'kind');
    const name =
      typeof kind === 'string' ? connectorKindName(kind, client.context.profile) : undefined;
    return {
      index,
      stream:
        name === undefined
          ? undefined
          : name === 'docker-container-stdout-get'
            ? 'stdout'
            : 'stderr',
      kind,
      status: pick(item, 'status'),
      protocol: pick(item, 'protocol'),
      location: pick(item, 'location'),
    };
  });
}

/** A Docker offer, accepted, that starts soon and runs a minute; INCONCLUSIVE when none can be had. */
export async function acceptedSession(
  client: BrokerClient,
): Promise<{ uuid: string; offerset: unknown }> {
  const request = smallRequest(client, await brokerNow(client), {
    openIn: 0,
    width: 30,
    durationMinutes: 1,
  });
  const { offers, offerset } = await createOffers(client, request);
  const uuid = uuidOf(offers[0]);
  if (uuid === undefined) inconclusive('the first offer has no meta.uuid to accept');
  const accepted = await client.accept(uuid);
  if (accepted.status !== 200 && accepted.status !== 303) {
    await client.release(offerset);
    inconclusive(`accepting offer ${uuid} was answered ${accepted.status}, so no session runs`);
  }
  return { uuid, offerset };
}

/**
 * Reads the session until `done` says so or it has ended, calling `step` between reads to let
 * broker time pass: it advances a control clock (the caller passes `advance`, so the runner
 * sees that the file moves the clock) and returns false where there is none, and the test then
 * waits a second, for at most --max-wait. A control clock is stepped at most `reads` times.
 */
export async function follow(
  client: BrokerClient,
  uuid: string,
  done: (sighting: Sighting) => boolean,
  step: () => Promise<boolean>,
  reads = 600,
): Promise<Sighting[]> {
  const seen: Sighting[] = [];
  const deadline = Date.now() + client.context.maxWaitMs;
  for (let read = 0; read < reads; read++) {
    const reply = await client.getSession(uuid);
    const sighting = {
      phase: pick(reply.body, 'phase'),
      connectors: connectorsOf(reply.body, client),
      reply,
    };
    seen.push(sighting);
    if (done(sighting) || ENDED.has(String(sighting.phase))) break;
    if (!(await step())) {
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  return seen;
}

/**
 * The connectors tests' frame: a declared broker's Docker offer, accepted and followed (see
 * `follow`; `step` gets the client), the sightings handed to `judge`, and the offers given back
 * whatever happens.
 */
export async function followAccepted(
  done: (sighting: Sighting) => boolean,
  step: (client: BrokerClient) => Promise<boolean>,
  judge: (seen: Sighting[], client: BrokerClient, uuid: string) => Promise<void>,
): Promise<void> {
  const client = new BrokerClient();
  requireConnectors(client);
  const { uuid, offerset } = await acceptedSession(client);
  try {
    await judge(await follow(client, uuid, done, () => step(client)), client, uuid);
  } finally {
    await client.release(offerset);
  }
}
