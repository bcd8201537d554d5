// Fixed scenarios many tests share: a small request any broker with free capacity should say
// YES to, and "create it and give me the offers", ending INCONCLUSIVE when the broker says NO
// (a NO is allowed, it just leaves nothing to check).

import { instant, minutes } from '../arbitraries/schedule.ts';
import type { JsonObject } from '../arbitraries/types.ts';
import { brokerNow } from './clock.ts';
import { BrokerClient, offersOf, type CreateOptions, type CreateResult } from './client.ts';
import { executionRequest } from './requests.ts';
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
  const start = Math.ceil(now / 60_000) * 60_000 + (options.openIn ?? 10) * 60_000;
  return executionRequest(client.context.profile, {
    name: 'conformance-probe',
    image: 'docker.io/library/python:3.12-slim',
    cores: options.cores ?? { min: 1, max: 2 },
    memory: options.memory ?? { min: 1, max: 2 },
    ...(options.storage === undefined ? {} : { storage: options.storage }),
    duration: minutes(options.durationMinutes ?? 30),
    start: `${instant(start)}/${instant(start + (options.width ?? 120) * 60_000)}`,
  }) as JsonObject;
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
