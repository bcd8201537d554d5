// Turns a session or offerset document from a broker into the few facts a history keeps.
// Nothing here trusts the document: a missing or malformed field just leaves a fact out (or
// counts zero resources), so a checker can only ever under-count what a broker promised.

import type { SessionFacts } from './events.ts';
import { certainSlot, instantMs, pick } from './time.ts';

/** The smallest amount a {min, max} pair promises (min, else max, else nothing). */
function promised(range: unknown): number {
  const min = pick(range, 'min');
  const max = pick(range, 'max');
  const value = typeof min === 'number' ? min : typeof max === 'number' ? max : 0;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export function sessionUuid(session: unknown): string | undefined {
  const uuid = pick(session, 'meta', 'uuid') ?? pick(session, 'uuid');
  return typeof uuid === 'string' && uuid !== '' ? uuid : undefined;
}

/** `path -> values` for enum options, `path -> []` for other option kinds. */
export function optionsOf(session: unknown): Record<string, string[]> | undefined {
  const options = pick(session, 'meta', 'options');
  if (options === undefined) return undefined;
  const table: Record<string, string[]> = {};
  if (!Array.isArray(options)) return table;
  for (const option of options) {
    const path = pick(option, 'path');
    if (typeof path !== 'string') continue;
    const values = pick(option, 'values');
    const listed = Array.isArray(values) ? values.filter((v) => typeof v === 'string') : [];
    table[path] = [...(table[path] ?? []), ...listed];
  }
  return table;
}

export function sessionFacts(session: unknown, offerset?: string): SessionFacts | undefined {
  const uuid = sessionUuid(session);
  if (uuid === undefined) return undefined;
  const phase = pick(session, 'phase');
  const expires = pick(session, 'expires');
  const storage = pick(session, 'storage');
  const slot = certainSlot(session);
  const options = optionsOf(session);
  const facts: SessionFacts = {
    session: uuid,
    cores: promised(pick(session, 'compute', 'cores')),
    memory: promised(pick(session, 'compute', 'memory')),
    storage: Array.isArray(storage)
      ? storage.reduce<number>((sum, item) => sum + promised(pick(item, 'size')), 0)
      : 0,
  };
  if (offerset !== undefined) facts.offerset = offerset;
  if (typeof phase === 'string') facts.phase = phase;
  if (typeof expires === 'string') facts.expires = expires;
  if (slot !== undefined) {
    facts.slot = {
      start: new Date(slot.start).toISOString(),
      end: new Date(slot.end).toISOString(),
    };
  }
  if (options !== undefined) facts.options = options;
  const preparing = pick(session, 'schedule', 'preparing', 'start');
  if (typeof preparing === 'string' && instantMs(preparing) !== undefined)
    facts.preparing = preparing;
  return facts;
}

/** The facts of every offer in an OfferSet answer. */
export function offersetFacts(offerset: unknown): {
  offerset?: string;
  result?: string;
  offers: SessionFacts[];
} {
  const uuid = sessionUuid(offerset);
  const result = pick(offerset, 'result');
  const offers = pick(offerset, 'offers');
  const created = pick(offerset, 'meta', 'created');
  const facts = Array.isArray(offers)
    ? offers.flatMap((offer) => {
        const found = sessionFacts(offer, uuid);
        if (found !== undefined && typeof created === 'string') found.created = created;
        return found ?? [];
      })
    : [];
  return {
    ...(uuid === undefined ? {} : { offerset: uuid }),
    ...(typeof result === 'string' ? { result } : {}),
    offers: facts,
  };
}
