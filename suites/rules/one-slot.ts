// An offer MUST NOT carry more than one time slot: alternative times are separate offers.
// Judged on every offer that has an available block.

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { pick } from './readers.ts';
import type { Finding, OfferRule } from './types.ts';

const ID = '/req/matching/one-slot';

export const oneSlot: OfferRule = {
  name: 'one-slot',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    const available = pick(offer.offer, 'schedule', 'available');
    if (available === undefined) return NOTHING;
    const findings: Finding[] = [];
    const start = pick(available, 'start');
    if (Array.isArray(start) && start.length !== 1) {
      findings.push(
        offerFinding(
          ID,
          offer,
          `offer ${offer.index} carries ${start.length} start intervals in one schedule; alternative times must be separate offers`,
          '/schedule/available/start',
        ),
      );
    }
    const duration = pick(available, 'duration');
    if (Array.isArray(duration)) {
      findings.push(
        offerFinding(
          ID,
          offer,
          `offer ${offer.index} carries ${duration.length} durations in one schedule`,
          '/schedule/available/duration',
        ),
      );
    }
    return judged(1, findings);
  },
};
