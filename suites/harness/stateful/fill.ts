// Filling one time slot with offers until the broker says NO, and giving them back: the
// capacity and expiry checks need a moment where the broker has no more room.

import type { SessionFacts } from '../../history/events.ts';
import type { Created } from './port.ts';
import type { RequestShape } from '../requests.ts';
import type { Stage } from './scenario.ts';

export interface Filled {
  /** True when the broker answered NO before the attempts ran out. */
  full: boolean;
  attempts: number;
  /** Every offer made while filling. */
  offers: SessionFacts[];
  /** The last answer (the NO, when the slot filled). */
  last: Created;
}

export async function fillWindow(
  stage: Stage,
  shape: RequestShape,
  maxAttempts = 8,
): Promise<Filled> {
  const offers: SessionFacts[] = [];
  let last: Created = { status: 0, offers: [], exchangeIds: [] };
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    last = await stage.broker.create('client', stage.request(shape));
    // A refusal or no answer is no NO: the slot is not known to be full.
    if (last.offers.length === 0)
      return { full: last.result === 'NO', attempts: attempt, offers, last };
    offers.push(...last.offers);
  }
  return { full: false, attempts: maxAttempts, offers, last };
}

/** Rejects the offers still OFFERED (best effort: this is housekeeping, not a check). */
export async function releaseOffers(stage: Stage, offers: readonly SessionFacts[]): Promise<void> {
  for (const offer of offers) {
    const seen = await stage.broker.read('cleanup', offer.session);
    if (seen.facts?.phase === 'OFFERED')
      await stage.broker.update('cleanup', offer.session, 'REJECTED');
  }
}
