// Offers and sessions seen in answers, with their phase at the time, so the report can draw
// a timeline of the run. Reading is defensive: a malformed document just records less.

import { certainSlot, pick } from '../history/time.ts';
import { record, type SightingRecord } from './recorder.ts';

export type Window = { start: string; end: string };

function sighting(doc: unknown, offerset?: string, windows?: Window[]): SightingRecord | undefined {
  const session = pick(doc, 'meta', 'uuid');
  const phase = pick(doc, 'phase');
  if (typeof session !== 'string' || typeof phase !== 'string') return undefined;
  const entry: SightingRecord = { session, phase, at: new Date().toISOString() };
  if (offerset !== undefined) entry.offerset = offerset;
  if (windows !== undefined && windows.length > 0) entry.requestedWindows = windows;
  const slot = certainSlot(doc);
  if (slot !== undefined)
    entry.slot = {
      start: new Date(slot.start).toISOString(),
      end: new Date(slot.end).toISOString(),
    };
  return entry;
}

/** `windows`: the start windows of the request that produced an offerset, when known. */
export function sightings(
  doc: unknown,
  type: 'OfferSetResponse' | 'ExecutionSession',
  windows?: Window[],
): void {
  if (type === 'ExecutionSession') {
    const entry = sighting(doc);
    if (entry !== undefined) record('timeline', entry);
    return;
  }
  const offerset = pick(doc, 'meta', 'uuid');
  const offers = pick(doc, 'offers');
  if (!Array.isArray(offers)) return;
  for (const offer of offers) {
    const entry = sighting(offer, typeof offerset === 'string' ? offerset : undefined, windows);
    if (entry !== undefined) record('timeline', entry);
  }
}
