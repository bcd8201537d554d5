// The compute resource rules differ only in the resource and the bound: an offer provides at
// least the requested minimum (the default minimum is 1), and at most a requested maximum.

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { most, pick, provided, rangeOf } from './readers.ts';
import type { OfferRule } from './types.ts';

type Resource = 'cores' | 'memory';

const AMOUNT: Record<Resource, (n: number | string) => string> = {
  cores: (n) => `${n} cores`,
  memory: (n) => `${n} GiB of memory`,
};

/** At least the requested minimum; a request that omits it asks for the default of 1. */
export function minimumRule(name: string, requirement: string, resource: Resource): OfferRule {
  return {
    name,
    requirement,
    scope: 'offer',
    judge(offer) {
      if (offer.request === undefined) return NOTHING;
      const wanted = rangeOf(pick(offer.request, 'compute', resource))?.min ?? 1;
      const given = provided(pick(offer.offer, 'compute', resource));
      if (given !== undefined && given >= wanted) return judged(1);
      const stated =
        given ?? (resource === 'cores' ? 'no stated number of' : 'no stated amount of');
      return judged(1, [
        offerFinding(
          requirement,
          offer,
          `offer ${offer.index} provides ${AMOUNT[resource](stated)}; the request asked for at least ${wanted}`,
          `/compute/${resource}`,
        ),
      ]);
    },
  };
}

/** At most a requested maximum; judged only where the request names one. */
export function maximumRule(name: string, requirement: string, resource: Resource): OfferRule {
  return {
    name,
    requirement,
    scope: 'offer',
    judge(offer) {
      const limit = rangeOf(pick(offer.request, 'compute', resource))?.max;
      if (limit === undefined) return NOTHING;
      const given = most(pick(offer.offer, 'compute', resource));
      if (given <= limit) return judged(1);
      return judged(1, [
        offerFinding(
          requirement,
          offer,
          `offer ${offer.index} provides up to ${AMOUNT[resource](given)}; the request allowed at most ${limit}`,
          `/compute/${resource}`,
        ),
      ]);
    },
  };
}
