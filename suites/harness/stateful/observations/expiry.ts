// Offers nobody touches, observed past their expiry instant (offer-expires), and offers accepted
// only then (expired-not-acceptable). Both sets are made at once, so the two requirements cost
// one wait: until the later `expires` plus the declared expiry grace.

import type { HistoryEvent } from '../../../history/events.ts';
import type { Stage } from '../scenario.ts';
import { latestExpiry } from '../scenario.ts';
import { expiryGraceMs, letTimePass } from '../waiting.ts';
import { noOffersReason, seen, type Seen } from './common.ts';

export interface ExpiryPart {
  /** Why this part could not be judged (nothing offered, a wait too long). */
  unchecked?: string;
  /** Each offer's `expires`, by session. */
  expires: Record<string, string>;
  /** For offer-expires: the reads after the deadline. For expired-not-acceptable: the
   * accept answers followed by a read. */
  seen: Seen[];
}

export interface ExpiryObservation {
  untouched: ExpiryPart;
  late: ExpiryPart;
  /** Broker instant after which the offers were judged (latest expires + grace). */
  deadline?: number;
  history: HistoryEvent[];
}

export async function observeExpiry(stage: Stage): Promise<ExpiryObservation> {
  const { broker, context } = stage;
  const untouched = await broker.create('untouched', stage.request());
  const late = await broker.create('late', stage.request());
  const part = (made: typeof untouched): ExpiryPart => ({
    ...(made.offers.length === 0 ? { unchecked: noOffersReason(made) } : {}),
    expires: Object.fromEntries(made.offers.map((offer) => [offer.session, offer.expires ?? ''])),
    seen: [],
  });
  const result: ExpiryObservation = {
    untouched: part(untouched),
    late: part(late),
    history: broker.recorder.events,
  };
  const offers = [...untouched.offers, ...late.offers];
  if (offers.length === 0) return result;
  const latest = latestExpiry(offers);
  if (latest === undefined) {
    const reason = 'the offers carry no readable expiry instant';
    result.untouched.unchecked ??= reason;
    result.late.unchecked ??= reason;
    return result;
  }
  result.deadline = latest + expiryGraceMs(context);
  const waited = await letTimePass(broker, context, result.deadline, 'the offers to expire');
  if (!waited.reached) {
    result.untouched.unchecked ??= waited.reason;
    result.late.unchecked ??= waited.reason;
    return result;
  }
  for (const offer of untouched.offers) {
    const read = await broker.read('untouched', offer.session);
    result.untouched.seen.push(seen(offer.session, read, broker.brokerNow()));
  }
  for (const offer of late.offers.slice(0, 1)) {
    const answer = await broker.update('late', offer.session, 'ACCEPTED');
    result.late.seen.push(seen(offer.session, answer, broker.brokerNow()));
    const read = await broker.read('late', offer.session);
    result.late.seen.push(seen(offer.session, read, broker.brokerNow()));
  }
  return result;
}
