// Each offer's start MUST lie inside at least one requested start interval. Judged only where
// the request gives a readable start interval.

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { iso, offeredStarts, pick, startWindows } from './readers.ts';
import type { OfferRule } from './types.ts';

const ID = '/req/matching/start-in-window';

const POINTER = '/schedule/available/start';

export const startInWindow: OfferRule = {
  name: 'start-in-window',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    const windows = startWindows(offer.request);
    if (windows === undefined) return NOTHING;
    const starts = offeredStarts(offer.offer);
    if (starts === undefined || starts.length === 0) {
      return judged(1, [
        offerFinding(
          ID,
          offer,
          `offer ${offer.index} states no readable start (schedule.available.start), so it cannot be shown to start in the requested window`,
          POINTER,
        ),
      ]);
    }
    const outside = starts.find(
      (start) => !windows.some((w) => start.earliest >= w.earliest && start.latest <= w.latest),
    );
    if (outside === undefined) return judged(1);
    return judged(1, [
      offerFinding(
        ID,
        offer,
        `offer ${offer.index} may start between ${iso(outside.earliest)} and ${iso(outside.latest)}, outside the requested ${String(pick(offer.request, 'schedule', 'requested', 'start'))}`,
        POINTER,
      ),
    ]);
  },
};
