// Fixed scenarios many tests share: a small request any broker with free capacity should say
// YES to, and "create it and give me the offers", ending INCONCLUSIVE when the broker says NO
// (a NO is allowed, it just leaves nothing to check).

import { instant, minutes } from '../arbitraries/schedule.ts';
import type { JsonObject } from '../arbitraries/types.ts';
import { brokerNow } from './clock.ts';
import { BrokerClient, offersOf, type CreateOptions, type CreateResult } from './client.ts';
import { kindOf } from './profile.ts';
import { inconclusive } from './requirement.ts';

export interface SmallRequestOptions {
  cores?: { min: number; max?: number };
  memory?: { min: number; max?: number };
  storage?: { min: number; max?: number };
  durationMinutes?: number;
  /** Minutes from now the start window opens (default 10) and its width (default 120). */
  openIn?: number;
  width?: number;
}

export function smallRequest(
  client: BrokerClient,
  now: number,
  options: SmallRequestOptions = {},
): JsonObject {
  const profile = client.context.profile;
  const start = Math.ceil(now / 60_000) * 60_000 + (options.openIn ?? 10) * 60_000;
  const request: JsonObject = {
    executable: {
      kind: kindOf(profile, 'docker-container'),
      meta: { name: 'conformance-probe' },
      image: { locations: ['docker.io/library/python:3.12-slim'] },
    },
    compute: {
      kind: kindOf(profile, 'simple-compute-resource'),
      meta: { name: 'probe-compute' },
      cores: options.cores ?? { min: 1, max: 2 },
      memory: options.memory ?? { min: 1, max: 2 },
    },
    schedule: {
      requested: {
        duration: minutes(options.durationMinutes ?? 30),
        start: `${instant(start)}/${instant(start + (options.width ?? 120) * 60_000)}`,
      },
    },
  };
  if (options.storage !== undefined) {
    request.storage = [
      {
        kind: kindOf(profile, 'simple-storage-resource'),
        meta: { name: 'probe-scratch' },
        size: options.storage,
      },
    ];
  }
  return request;
}

export interface Offered {
  request: JsonObject;
  result: CreateResult;
  offerset: unknown;
  offers: unknown[];
}

/** Creates the request and returns its offers; INCONCLUSIVE when there are none. */
export async function createOffers(
  client: BrokerClient,
  request?: JsonObject,
  options: CreateOptions = {},
): Promise<Offered> {
  const body = request ?? smallRequest(client, await brokerNow(client));
  const result = await client.create(body, options);
  const offers = offersOf(result.offerset);
  if (result.offerset === undefined) {
    inconclusive(
      `the create request got no OfferSet (status ${result.status}), so there is nothing to check here`,
    );
  }
  if (offers.length === 0)
    inconclusive('the broker answered without offers (NO), so there is nothing to check here');
  return { request: body, result, offerset: result.offerset, offers };
}
