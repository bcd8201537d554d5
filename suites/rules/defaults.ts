// When a request leaves out cores or memory the offer SHOULD provide at least 1 (core, GiB);
// when it gives a minimum without a maximum, the maximum is the minimum, so no more is offered.

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { most, pick, provided, rangeOf } from './readers.ts';
import type { Finding, OfferCase, OfferRule } from './types.ts';

const ID = '/req/matching/defaults';
const UNIT = { cores: 'cores', memory: 'GiB of memory' } as const;

function judgeResource(offer: OfferCase, resource: 'cores' | 'memory'): Finding[] | undefined {
  const asked = pick(offer.request, 'compute', resource);
  const range = rangeOf(asked);
  const pointer = `/compute/${resource}`;
  if (asked === undefined) {
    const given = provided(pick(offer.offer, 'compute', resource));
    if (given !== undefined && given >= 1) return [];
    return [
      offerFinding(
        ID,
        offer,
        `offer ${offer.index} provides ${given ?? 'no stated'} ${UNIT[resource]} where the default is 1`,
        pointer,
      ),
    ];
  }
  if (range?.min === undefined || range.max !== undefined) return undefined;
  const given = most(pick(offer.offer, 'compute', resource));
  if (given <= range.min) return [];
  return [
    offerFinding(
      ID,
      offer,
      `offer ${offer.index} provides up to ${given} ${UNIT[resource]} where the request's minimum ${range.min} is also its maximum`,
      pointer,
    ),
  ];
}

export const defaults: OfferRule = {
  name: 'defaults',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    if (offer.request === undefined) return NOTHING;
    const parts = [judgeResource(offer, 'cores'), judgeResource(offer, 'memory')].filter(
      (part): part is Finding[] => part !== undefined,
    );
    return parts.length === 0 ? NOTHING : judged(1, parts.flat());
  },
};
