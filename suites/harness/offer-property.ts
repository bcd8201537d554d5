// The property behind the matching suite: generate valid requests, send each, and check every
// offer of every YES answer against the request it answers. Offers are rejected once checked
// so the target's capacity is not used up by the tests that follow.

import { requestArbitrary, type RequestConstraints } from '../arbitraries/request.ts';
import type { JsonObject } from '../arbitraries/types.ts';
import { brokerNow } from './clock.ts';
import { BrokerClient, offersOf, type CreateResult } from './client.ts';
import { checkProperty, type PropertyOptions } from './property.ts';
import { inconclusive } from './requirement.ts';

export interface OfferCase {
  request: JsonObject;
  result: CreateResult;
  offerset: unknown;
  offer: unknown;
  index: number;
  /** The broker's clock when the request was sent. */
  now: number;
}

export interface OfferPropertyOptions extends PropertyOptions {
  request?: Partial<Omit<RequestConstraints, 'now' | 'profile'>>;
}

/**
 * Runs `check` on every offer of every YES answer to generated valid requests. The check throws
 * (fail/expectCheck) on a violation; the failure is shrunk to the smallest request. When the
 * broker says NO to everything the requirement is INCONCLUSIVE: nothing was offered to check.
 */
export async function forEachOffer(
  check: (offer: OfferCase) => void,
  options: OfferPropertyOptions = {},
): Promise<void> {
  const client = new BrokerClient();
  const now = await brokerNow(client);
  let offered = 0;
  const arbitrary = requestArbitrary({
    ...options.request,
    profile: client.context.profile,
    now,
    shape: 'valid',
  });
  await checkProperty(
    arbitrary,
    async (request) => {
      const sentAt = await brokerNow(client);
      const result = await client.create(request);
      try {
        const offers = offersOf(result.offerset);
        offers.forEach((offer, index) =>
          check({ request, result, offerset: result.offerset, offer, index, now: sentAt }),
        );
        offered += offers.length;
      } finally {
        await client.release(result.offerset);
      }
    },
    options,
  );
  if (offered === 0)
    inconclusive(
      'the broker made no offers for any generated request, so no offer could be checked',
    );
}
