// The offers of the Calycopis Java broker, as its recorded traffic shows them (the
// `calycopis-blocks` quirk): back-to-back blocks twice as long as the duration asked (2 h when
// none is), each preceded by a minute of preparation that starts on a whole minute, the first
// at the next one; one allocation, the requested minimum (the preset's faults then double the
// cores and make memory echo them). Asking for more than 2 h gets NO.
import type { Needs } from './needs.ts';
import { TIME } from './iso.ts';
import {
  allocations,
  bookSlot,
  demand,
  roundUp,
  skipsCalendar,
  type SlotPlan,
  type SlotSearch,
} from './slots.ts';

export const CALYCOPIS_TIMES = {
  /** The duration taken when a request asks for none, and the most it may ask for. */
  asked: 2 * TIME.HOUR,
  preparation: TIME.MINUTE,
  release: 10 * TIME.SECOND,
  /** How far ahead offers may start when the request names no start window. */
  window: TIME.DAY,
} as const;

export function calycopisSlots(needs: Needs, search: SlotSearch, maxOffers: number): SlotPlan[] {
  const { now, calendar, platform, faults } = search;
  const { preparation, release } = CALYCOPIS_TIMES;
  const block = 2 * needs.duration;
  const allocation = allocations(needs, platform, faults)[0]!;
  const need = demand(allocation);
  const skip = skipsCalendar(need, search);
  const earliest = roundUp(now, TIME.MINUTE) + preparation;
  const plans: SlotPlan[] = [];
  for (const window of needs.windows) {
    let start = Math.max(earliest, roundUp(window.start - preparation, TIME.MINUTE) + preparation);
    for (; start <= window.end && plans.length < maxOffers; start += block) {
      const first = calendar.bucketAt(start - preparation);
      const last = calendar.bucketFrom(start + block + release);
      if (!skip && !calendar.fits(first, last, need)) continue;
      const plan: SlotPlan = {
        allocation,
        availableStart: start,
        duration: block,
        preparation,
        release,
        booking: undefined,
      };
      plan.booking = bookSlot(calendar, plan, need, skip);
      plans.push(plan);
    }
  }
  return plans;
}
