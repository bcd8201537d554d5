// What a broker had certainly promised at each moment, from a trace: the capacity rule sweeps
// it for overbooking and the report's capacity chart plots it. An offer or session counts from
// its create's completion until the first thing that could have released it, so the sweep only
// ever under-counts. Probes are walked in order with the load kept on a segment tree, so a long
// trace costs n log n, not a comparison of every booking with every other.

import type { HistoryEvent, SessionFacts } from './events.ts';
import { instantMs, pick } from './time.ts';
import { isTerminal } from './phases.ts';
import { LoadTree } from './load-tree.ts';
import { Trace, type Capacity } from './trace.ts';

export const DIMENSIONS = ['cores', 'memory', 'storage'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** An offer or session as the sweep holds it: its certain slot and when it came and went. */
export interface Booking {
  session: string;
  facts: SessionFacts;
  events: number[];
  /** The certain slot, epoch ms, half-open. */
  start: number;
  end: number;
  /** Client time its create completed. */
  createdAt: number;
  /** Broker time it stops holding by itself: its expiry, or for an accepted session its slot end. */
  heldUntil: number;
  /** Client time something certainly released it (Infinity: nothing did). */
  releasedBy: number;
}

/**
 * When, in client time, each session was certainly no longer holding anything: the first
 * operation that could have released it (its reject or cancel, a sibling's accept unless it
 * won itself, a read that found it ended). One pass over the operations.
 */
function releaseBounds(trace: Trace): Map<string, number> {
  const bounds = new Map<string, number>();
  const lower = (session: string, at: number): void => {
    if (at < (bounds.get(session) ?? Infinity)) bounds.set(session, at);
  };
  for (const operation of trace.operations) {
    const target = pick(operation.invokeValue, 'session');
    if (typeof target !== 'string') continue;
    if (operation.op === 'reject' || operation.op === 'cancel') lower(target, operation.invokedAt);
    if (operation.op !== 'accept') continue;
    for (const sibling of trace.siblingsOf(target))
      if (trace.wonAt(sibling) === undefined) lower(sibling, operation.invokedAt);
  }
  for (const [session, list] of trace.observations) {
    const ended = list.find((seen) => isTerminal(seen.phase));
    if (ended !== undefined) lower(session, ended.invokedAt);
  }
  return bounds;
}

function bookingsOf(trace: Trace): Booking[] {
  const released = releaseBounds(trace);
  return [...trace.offers.entries()].flatMap(([session, entry]) => {
    const start = instantMs(entry.facts.slot?.start);
    const end = instantMs(entry.facts.slot?.end);
    if (start === undefined || end === undefined || end <= start) return [];
    const won = trace.wonAt(session) !== undefined;
    // An offer is held until it expires; an accepted session until its slot is over.
    const heldUntil = won ? end : (instantMs(entry.facts.expires) ?? Infinity);
    return [
      {
        session,
        facts: entry.facts,
        events: entry.events,
        start,
        end,
        createdAt: entry.createdAt,
        heldUntil,
        releasedBy: released.get(session) ?? Infinity,
      },
    ];
  });
}

/** The first index in a sorted array whose value is at least `value` (from `from` on). */
function firstAtLeast(sorted: readonly number[], value: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? Infinity) >= value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function listAt<T>(map: Map<number, T[]>, key: number): T[] {
  let list = map.get(key);
  if (list === undefined) map.set(key, (list = []));
  return list;
}

/** What the live set looks like at one probe (a create completion). */
export interface Probe {
  /** Broker time then, as a lower bound (the broker clock never goes back). */
  broker: number;
  entering: readonly Booking[];
  live: ReadonlySet<Booking>;
  /** Load per dimension on the slot axis, and the axis itself. */
  load: Record<Dimension, LoadTree>;
  axis: readonly number[];
  slotOf(instant: number): number;
}

/**
 * Walks every create completion (the only moments the live set can grow) in order, with the
 * offers and sessions certainly held then. A booking counts from its create's completion until
 * it was certainly released or its broker-time hold ran out (less the skew).
 */
export function walkProbes(trace: Trace, skewMs: number, visit: (probe: Probe) => boolean): void {
  const bookings = bookingsOf(trace);
  const probes = [...new Set(bookings.map((item) => item.createdAt))].sort((a, b) => a - b);
  const stamps = new Map<number, number>();
  for (const item of bookings) {
    const stamp = instantMs(item.facts.created);
    if (stamp !== undefined)
      stamps.set(item.createdAt, Math.max(stamps.get(item.createdAt) ?? -Infinity, stamp));
  }
  // The broker clock at each probe: its own creation stamps when later than the estimate
  // (another client may have moved a shared virtual clock on), never less than before.
  const broker: number[] = [];
  for (const probe of probes)
    broker.push(
      Math.max(trace.brokerTime(probe), stamps.get(probe) ?? -Infinity, broker.at(-1) ?? -Infinity),
    );
  const axis = [...new Set(bookings.flatMap((item) => [item.start, item.end]))].sort(
    (a, b) => a - b,
  );
  const slotOf = (instant: number): number => firstAtLeast(axis, instant, 0);
  const load = {
    cores: new LoadTree(axis.length),
    memory: new LoadTree(axis.length),
    storage: new LoadTree(axis.length),
  };
  const entering = new Map<number, Booking[]>();
  const leaving = new Map<number, Booking[]>();
  for (const item of bookings) {
    const enter = firstAtLeast(probes, item.createdAt, 0);
    const leave = Math.min(
      firstAtLeast(probes, item.releasedBy, enter),
      firstAtLeast(broker, item.heldUntil - skewMs, enter),
    );
    if (leave <= enter) continue;
    listAt(entering, enter).push(item);
    listAt(leaving, leave).push(item);
  }
  const live = new Set<Booking>();
  const shift = (item: Booking, sign: number): void => {
    for (const key of DIMENSIONS)
      load[key].add(slotOf(item.start), slotOf(item.end), sign * item.facts[key]);
  };
  for (let q = 0; q < probes.length; q += 1) {
    for (const item of leaving.get(q) ?? []) {
      live.delete(item);
      shift(item, -1);
    }
    const arriving = entering.get(q) ?? [];
    for (const item of arriving) {
      live.add(item);
      shift(item, 1);
    }
    if (!visit({ broker: broker[q] ?? 0, entering: arriving, live, load, axis, slotOf })) return;
  }
}

export interface Overbooking {
  at: number;
  dimension: Dimension;
  total: number;
  items: Booking[];
}

/**
 * The first instant, within the slots of the bookings that just arrived, where the live set
 * holds more than the capacity: only there can the load have grown since the last probe.
 */
export function overbookingAt(probe: Probe, capacity: Capacity): Overbooking | undefined {
  let found: { slot: number; dimension: Dimension } | undefined;
  for (const dimension of DIMENSIONS) {
    const limit = capacity[dimension];
    if (limit === undefined) continue;
    for (const item of probe.entering) {
      const slot = probe.load[dimension].firstAbove(
        probe.slotOf(item.start),
        probe.slotOf(item.end),
        limit,
      );
      if (slot >= 0 && (found === undefined || slot < found.slot)) found = { slot, dimension };
    }
  }
  if (found === undefined) return undefined;
  const at = probe.axis[found.slot] ?? 0;
  const dimension = found.dimension;
  const items = [...probe.live]
    .filter((item) => item.start <= at && at < item.end)
    .sort((a, b) => a.start - b.start || a.session.localeCompare(b.session));
  const total = items.reduce((sum, item) => sum + item.facts[dimension], 0);
  return { at, dimension, total, items };
}

/** What the report's capacity chart plots: one sample per moment the live set grew. */
export interface CapacityLoad {
  /** Broker time of the moment (ISO 8601). */
  at: string;
  /** The most held at any one slot instant, per dimension, by what was live then. */
  cores: number;
  memory: number;
  storage: number;
}

export function capacityLoad(events: readonly HistoryEvent[], skewMs = 1000): CapacityLoad[] {
  const samples: CapacityLoad[] = [];
  walkProbes(new Trace(events), skewMs, (probe) => {
    samples.push({
      at: new Date(probe.broker).toISOString(),
      cores: probe.load.cores.peak(),
      memory: probe.load.memory.peak(),
      storage: probe.load.storage.peak(),
    });
    return true;
  });
  return samples;
}
