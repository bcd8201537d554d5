// Each offer's available duration MUST be at least the requested duration (longer is allowed).

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { offeredDuration, pick, requestedDuration } from './readers.ts';
import type { OfferRule } from './types.ts';

const ID = '/req/matching/duration-min';

export const durationMin: OfferRule = {
  name: 'duration-min',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    const wanted = requestedDuration(offer.request);
    if (wanted === undefined) return NOTHING;
    const given = offeredDuration(offer.offer);
    if (given !== undefined && given >= wanted) return judged(1);
    const stated = pick(offer.offer, 'schedule', 'available', 'duration');
    return judged(1, [
      offerFinding(
        ID,
        offer,
        `offer ${offer.index} lasts ${stated === undefined ? 'an unstated time' : String(stated)}; the request asked for ${String(pick(offer.request, 'schedule', 'requested', 'duration'))}`,
        '/schedule/available/duration',
      ),
    ]);
  },
};
