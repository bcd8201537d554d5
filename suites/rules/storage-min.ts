// Each offer MUST provide at least the requested minimum size of every storage resource that
// names one. A dropped storage item, or one whose size the offer leaves out, provides nothing.

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { storageItems } from './readers.ts';
import type { Finding, OfferRule } from './types.ts';

const ID = '/req/matching/storage-min';

export const storageMin: OfferRule = {
  name: 'storage-min',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    const wanted = storageItems(offer.request);
    if (!wanted.some((item) => item.min !== undefined)) return NOTHING;
    const offered = storageItems(offer.offer);
    const findings: Finding[] = [];
    wanted.forEach((item, i) => {
      if (item.min === undefined) return;
      // Match by name where the broker kept it (it may rename), else by position.
      const match =
        offered.find((candidate) => item.name !== undefined && candidate.name === item.name) ??
        offered[i];
      const given = match?.min ?? match?.max;
      if (given !== undefined && given >= item.min) return;
      findings.push(
        offerFinding(
          ID,
          offer,
          `offer ${offer.index} provides ${given ?? 'no stated'} GiB for storage "${item.name ?? i}"; the request asked for at least ${item.min}`,
          `/storage/${i}/size`,
        ),
      );
    });
    return judged(1, findings);
  },
};
