// The resources expired offers held come back (resources-released): one time slot is filled
// with offers until the broker says NO, nobody acts on them, and once they have expired the
// same request must be answered YES.

import type { HistoryEvent } from '../../../history/events.ts';
import { fillWindow, releaseOffers } from '../fill.ts';
import { capacityOf, farWindow, latestExpiry, type Stage } from '../scenario.ts';
import { expiryGraceMs, letTimePass } from '../waiting.ts';
import { noOffersReason } from './common.ts';

export interface ReleaseObservation {
  unchecked?: string;
  /** Offers that filled the slot, and the exchanges of the NO that showed it was full. */
  filled: number;
  /** The same request after every filling offer expired. */
  again?: { status: number; result?: string; offers: number; exchangeIds: string[] };
  history: HistoryEvent[];
}

/** A request size of which only a couple fit at once (half the cores, rounded up). */
function fillShape(cores: number | undefined): { cores: number; memory: number } {
  return { cores: Math.max(1, Math.ceil((cores ?? 2) / 2)), memory: 1 };
}

export async function observeRelease(stage: Stage): Promise<ReleaseObservation> {
  const { broker, context } = stage;
  const result: ReleaseObservation = { filled: 0, history: broker.recorder.events };
  const capacity = await capacityOf(stage);
  if (capacity === undefined)
    return {
      ...result,
      unchecked: 'declare capacity (cores, memory, storage) in --declare to fill a time slot',
    };
  // A slot of its own, days ahead, so no other check's offers share it.
  const shape = {
    ...fillShape(capacity.cores),
    start: farWindow(stage, 3, 1, 17),
    duration: 'PT10M',
  };
  const filled = await fillWindow(stage, shape);
  result.filled = filled.offers.length;
  if (filled.offers.length === 0) return { ...result, unchecked: noOffersReason(filled.last) };
  if (!filled.full)
    return {
      ...result,
      unchecked: `${filled.attempts} requests for one time slot were all answered YES, so the slot could not be filled`,
    };
  const expires = latestExpiry(filled.offers);
  if (expires === undefined)
    return { ...result, unchecked: 'the offers carry no readable expiry instant' };
  const waited = await letTimePass(
    broker,
    context,
    expires + expiryGraceMs(context),
    'the filling offers to expire',
  );
  if (!waited.reached) return { ...result, unchecked: waited.reason };
  const again = await broker.create('again', stage.request(shape));
  result.again = {
    status: again.status,
    offers: again.offers.length,
    exchangeIds: again.exchangeIds,
    ...(again.result === undefined ? {} : { result: again.result }),
  };
  await releaseOffers(stage, again.offers);
  return result;
}
