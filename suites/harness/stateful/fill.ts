// Filling one time slot with offers until the broker says NO, and giving them back: the
// capacity and expiry checks need a moment where the broker has no more room.

import type { SessionFacts } from '../../history/events.ts';
import type { RequestShape } from './requests.ts';
import type { Stage } from './scenario.ts';

export interface Filled {
  /** True when the broker answered NO before the attempts ran out. */
  full: boolean;
  attempts: number;
  /** Every offer made while filling. */
  offers: SessionFacts[];
}

export async function fillWindow(
  stage: Stage,
  shape: RequestShape,
  maxAttempts = 8,
): Promise<Filled> {
  const offers: SessionFacts[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const created = await stage.broker.create('p1', stage.request(shape));
    if (created.offers.length === 0) return { full: true, attempts: attempt, offers };
    offers.push(...created.offers);
  }
  return { full: false, attempts: maxAttempts, offers };
}

/** Rejects the offers still OFFERED (best effort: this is housekeeping, not a check). */
export async function releaseOffers(stage: Stage, offers: readonly SessionFacts[]): Promise<void> {
  for (const offer of offers) {
    const seen = await stage.broker.read('cleanup', offer.session);
    if (seen.facts?.phase === 'OFFERED')
      await stage.broker.update('cleanup', offer.session, 'REJECTED');
  }
}
