// Each offer MUST describe the executable that was requested, with the same kind.

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { pick } from './readers.ts';
import type { OfferRule } from './types.ts';

const ID = '/req/matching/executable-echoed';

export const executableEchoed: OfferRule = {
  name: 'executable-echoed',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    const wanted = pick(offer.request, 'executable', 'kind');
    if (wanted === undefined) return NOTHING;
    const given = pick(offer.offer, 'executable', 'kind');
    if (given === wanted) return judged(1);
    return judged(1, [
      offerFinding(
        ID,
        offer,
        given === undefined
          ? `offer ${offer.index} does not describe the executable it would run`
          : `offer ${offer.index} describes an executable of kind ${String(given)}, the request asked for ${String(wanted)}`,
        '/executable',
      ),
    ]);
  },
};
