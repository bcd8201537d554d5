import { it } from 'vitest';
import { forEachOffer } from '../harness/offer-property.ts';
import { offeredStarts, pick, startWindows } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

requirement('/req/matching/start-in-window', () => {
  it("every offer's scheduled start lies inside a requested start interval", async () => {
    await forEachOffer(
      ({ request, offer, index, result }) => {
        const windows = startWindows(request);
        if (windows === undefined) return;
        const starts = offeredStarts(offer);
        if (starts === undefined || starts.length === 0) {
          fail(
            `offer ${index} states no readable start (schedule.available.start), so it cannot be shown to start in the requested window`,
            {
              pointer: `/offers/${index}/schedule/available/start`,
              exchanges: result.exchanges,
            },
          );
        }
        for (const start of starts) {
          const inside = windows.some(
            (w) => start.earliest >= w.earliest && start.latest <= w.latest,
          );
          if (!inside) {
            fail(
              `offer ${index} may start between ${new Date(start.earliest).toISOString()} and ${new Date(start.latest).toISOString()}, outside the requested ${String(pick(request, 'schedule', 'requested', 'start'))}`,
              { pointer: `/offers/${index}/schedule/available/start`, exchanges: result.exchanges },
            );
          }
        }
      },
      { request: { schedule: 'always' } },
    );
  });
});
