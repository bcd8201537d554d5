// An accepted session followed through its execution phases (progresses): a short session is
// accepted and read until it reaches a terminal phase or its schedule is well over. On a real
// clock the wait is only made as far as the gate needs it: at --fail-on must (progresses is a
// SHOULD) no longer than the time-dependent MUST checks wait anyway, so it costs nothing extra.

import type { HistoryEvent, SessionFacts } from '../../../history/events.ts';
import { isTerminal, isWon } from '../../../history/phases.ts';
import { durationMs, instantMs, pick } from '../../../history/time.ts';
import type { Stage } from '../scenario.ts';
import { followBudget } from '../waiting.ts';
import { noOffersReason, seen, type Seen } from './common.ts';

export interface ProgressObservation {
  unchecked?: string;
  offer?: SessionFacts;
  /** When the schedule says the session is over (end of releasing, else of the available block). */
  ends?: number;
  seen: Seen[];
  history: HistoryEvent[];
}

/** How long after its schedule ends a session may take to read terminal. */
export const SETTLE_MS = { control: 30 * 60_000, real: 60_000 };

function scheduleEnd(session: unknown, slotEnd: number): number {
  const start = instantMs(pick(session, 'schedule', 'releasing', 'start'));
  const length = durationMs(pick(session, 'schedule', 'releasing', 'duration'));
  return start !== undefined && length !== undefined ? Math.max(slotEnd, start + length) : slotEnd;
}

export async function observeProgress(stage: Stage): Promise<ProgressObservation> {
  const { broker, context } = stage;
  const result: ProgressObservation = { seen: [], history: broker.recorder.events };
  const created = await broker.create('client', stage.request({ duration: 'PT1M' }));
  const offer = created.offers[0];
  if (offer === undefined) return { ...result, unchecked: noOffersReason(created) };
  result.offer = offer;
  const accepted = await broker.update('client', offer.session, 'ACCEPTED');
  const phase = accepted.facts?.phase ?? '';
  if (!isWon(phase))
    return {
      ...result,
      unchecked: `the accept did not take (${phase || accepted.status}), so there is no session to follow`,
    };
  const slotEnd = instantMs(offer.slot?.end);
  if (slotEnd === undefined)
    return {
      ...result,
      unchecked: 'the offer carries no readable schedule, so its end is unknown',
    };
  const document = await broker.client.getSession(offer.session);
  const ends = scheduleEnd(document.body, slotEnd);
  result.ends = ends;
  const settle = context.control ? SETTLE_MS.control : SETTLE_MS.real;
  const deadline = ends + settle;
  const budget = followBudget(
    broker,
    context,
    deadline,
    instantMs(offer.expires),
    'the session to end',
  );
  if (budget !== undefined) return { ...result, unchecked: budget };
  const step = context.control ? 60_000 : 1_000;
  for (;;) {
    const read = await broker.read('client', offer.session);
    result.seen.push(seen(offer.session, read, broker.brokerNow()));
    if (isTerminal(read.facts?.phase ?? '') || read.status !== 200) break;
    if (broker.brokerNow() >= deadline) break;
    if (context.control) await broker.pass(step);
    else await new Promise((resolve) => setTimeout(resolve, step));
  }
  return result;
}
