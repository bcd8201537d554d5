// A request's offers, planned and booked: its needs assessed (or the reasons for a NO), then the
// slots found in the calendar, by the standard search or the Java broker's blocks.
import { assess } from './assess.ts';
import { calycopisSlots } from './calycopis.ts';
import type { DomainMessage } from './messages.ts';
import type { DomainRequest } from './request.ts';
import { findSlots, noCapacityMessage, type SlotPlan, type SlotSearch } from './slots.ts';

export type Plan = { ok: true; plans: SlotPlan[] } | { ok: false; messages: DomainMessage[] };

export function planOffers(request: DomainRequest, search: SlotSearch, maxOffers: number): Plan {
  const { platform, now, faults } = search;
  const assessment = assess(request, { platform, now, faults });
  if (!assessment.ok) return assessment;
  const plans = faults.has('calycopis-blocks')
    ? calycopisSlots(assessment.needs, search, maxOffers)
    : findSlots(assessment.needs, search, maxOffers);
  if (plans.length === 0)
    return { ok: false, messages: [noCapacityMessage(assessment.needs, now)] };
  return { ok: true, plans };
}
