// What the trace rules share, derived once from a history: operations (an invoke paired with its
// completion), what each completed operation showed about each session, the offer sets and
// their members, the facts of every offer when it was made, and the broker clock notes. Nothing
// here judges; it only says what was seen, when (as a window of client time), and which of two
// observations certainly came first.

import type { HistoryEvent, Op, SessionFacts } from './events.ts';
import { isWon } from './phases.ts';
import { instantMs, pick } from './time.ts';

export interface Capacity {
  cores?: number;
  memory?: number;
  storage?: number;
}

/** One operation: an invoke paired with its completion (by process, in order). */
export interface Operation {
  op: Op;
  process: string | number;
  /** Position among the operations of its process: a process runs one at a time, in order. */
  seq: number;
  outcome: 'ok' | 'fail' | 'unknown';
  invokeValue: unknown;
  value: unknown;
  invokedAt: number;
  /** Infinity when the operation never completed: it may take effect at any later time. */
  completedAt: number;
  events: number[];
}

/** A phase seen for one session, with the operation that saw it. */
export interface Observation {
  session: string;
  phase: string;
  options?: Record<string, string[]>;
  facts: SessionFacts;
  operation: Operation;
  invokedAt: number;
  completedAt: number;
  events: number[];
}

/** The facts of an offer as its create answer gave them. */
export interface OfferRecord {
  facts: SessionFacts;
  createdAt: number;
  operation: Operation;
  events: number[];
}

function pairOperations(events: readonly HistoryEvent[]): Operation[] {
  const pending = new Map<string | number, Operation>();
  const counts = new Map<string | number, number>();
  const operations: Operation[] = [];
  const nextSeq = (process: string | number): number => {
    const seq = counts.get(process) ?? 0;
    counts.set(process, seq + 1);
    return seq;
  };
  events.forEach((event, index) => {
    if (event.type === 'invoke') {
      const open = pending.get(event.process);
      // A process that invokes again without completing lost its answer: outcome unknown.
      if (open !== undefined) operations.push(open);
      pending.set(event.process, {
        op: event.op,
        process: event.process,
        seq: nextSeq(event.process),
        outcome: 'unknown',
        invokeValue: event.value,
        value: undefined,
        invokedAt: event.time,
        completedAt: Infinity,
        events: [index],
      });
      return;
    }
    const open = pending.get(event.process);
    if (open !== undefined && open.op === event.op) {
      pending.delete(event.process);
      open.outcome = event.type;
      open.value = event.value;
      open.completedAt = event.type === 'unknown' ? Infinity : event.time;
      open.events.push(index);
      operations.push(open);
      return;
    }
    // A completion with no invoke (a `declare` or `clock` note): an instantaneous operation.
    operations.push({
      op: event.op,
      process: event.process,
      seq: nextSeq(event.process),
      outcome: event.type,
      invokeValue: undefined,
      value: event.value,
      invokedAt: event.time,
      completedAt: event.type === 'unknown' ? Infinity : event.time,
      events: [index],
    });
  });
  for (const open of pending.values()) operations.push(open);
  return operations.sort(
    (a, b) => a.invokedAt - b.invokedAt || (a.events[0] ?? 0) - (b.events[0] ?? 0),
  );
}

function factsList(value: unknown): SessionFacts[] {
  const offers = pick(value, 'offers');
  const list = Array.isArray(offers) ? offers : [value];
  return list.filter((item): item is SessionFacts => typeof pick(item, 'session') === 'string');
}

export function readCapacity(value: unknown): Capacity | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const capacity: Capacity = {};
  for (const key of ['cores', 'memory', 'storage'] as const) {
    const amount = pick(value, key);
    if (typeof amount === 'number' && Number.isFinite(amount) && amount >= 0)
      capacity[key] = amount;
  }
  return Object.keys(capacity).length > 0 ? capacity : undefined;
}

/**
 * Whether `a` certainly happened before `b`: it completed before `b` was invoked, or both were
 * made by one process (which runs one operation at a time) and `a` came first.
 */
export function certainlyBefore(
  a: { operation: Operation } | Operation,
  b: { operation: Operation } | Operation,
): boolean {
  const first = 'operation' in a ? a.operation : a;
  const second = 'operation' in b ? b.operation : b;
  if (first === second) return false;
  if (first.completedAt < second.invokedAt) return true;
  return first.process === second.process && first.seq < second.seq;
}

/** Everything the trace rules share, derived once from the history. */
export class Trace {
  readonly operations: Operation[];
  readonly observations = new Map<string, Observation[]>();
  readonly offersetOf = new Map<string, string>();
  readonly siblings = new Map<string, string[]>();
  readonly offers = new Map<string, OfferRecord>();
  readonly declared: Capacity | undefined;
  private readonly clockNotes: { at: number; offset: number }[] = [];

  constructor(readonly events: readonly HistoryEvent[]) {
    this.operations = pairOperations(events);
    let declared: Capacity | undefined;
    for (const operation of this.operations) {
      if (operation.op === 'declare' && operation.outcome === 'ok') {
        declared = readCapacity(pick(operation.value, 'capacity')) ?? declared;
      }
      if (operation.op === 'clock' && operation.outcome === 'ok') {
        const broker = instantMs(pick(operation.value, 'broker'));
        if (broker !== undefined) {
          this.clockNotes.push({ at: operation.invokedAt, offset: broker - operation.invokedAt });
        }
      }
      if (operation.outcome !== 'ok' || operation.op === 'declare' || operation.op === 'clock') {
        continue;
      }
      for (const facts of factsList(operation.value)) this.observe(operation, facts);
    }
    this.declared = declared;
    for (const list of this.observations.values())
      list.sort(
        (a, b) =>
          a.completedAt - b.completedAt ||
          (a.operation.process === b.operation.process ? a.operation.seq - b.operation.seq : 0),
      );
  }

  private observe(operation: Operation, facts: SessionFacts): void {
    if (facts.offerset !== undefined && !this.offersetOf.has(facts.session)) {
      this.offersetOf.set(facts.session, facts.offerset);
      const members = this.siblings.get(facts.offerset) ?? [];
      members.push(facts.session);
      this.siblings.set(facts.offerset, members);
    }
    if (operation.op === 'create' && !this.offers.has(facts.session)) {
      this.offers.set(facts.session, {
        facts,
        createdAt: operation.completedAt,
        operation,
        events: operation.events,
      });
    }
    if (typeof facts.phase !== 'string') return;
    const list = this.observations.get(facts.session) ?? [];
    list.push({
      session: facts.session,
      phase: facts.phase,
      ...(facts.options === undefined ? {} : { options: facts.options }),
      facts,
      operation,
      invokedAt: operation.invokedAt,
      completedAt: operation.completedAt,
      events: operation.events,
    });
    this.observations.set(facts.session, list);
  }

  /** The recorded exchanges behind some events (their completions' `exchanges`). */
  exchangesAt(indices: readonly number[]): string[] {
    const ids = new Set<string>();
    for (const index of indices) {
      const list = pick(this.events[index]?.value, 'exchanges');
      if (Array.isArray(list)) for (const id of list) if (typeof id === 'string') ids.add(id);
    }
    return [...ids];
  }

  /** Where to find the evidence of events whose sources recorded no exchange (file names). */
  sourcesAt(indices: readonly number[]): string[] {
    const found = new Set<string>();
    for (const index of indices) {
      const where = pick(this.events[index]?.value, 'where');
      if (typeof where === 'string') found.add(where);
    }
    return [...found];
  }

  siblingsOf(session: string): string[] {
    const offerset = this.offersetOf.get(session);
    if (offerset === undefined) return [];
    return (this.siblings.get(offerset) ?? []).filter((other) => other !== session);
  }

  /** The broker's clock at a client instant, from the latest `clock` note before it. */
  brokerTime(clientTime: number): number {
    let offset = 0;
    for (const note of this.clockNotes) if (note.at <= clientTime) offset = note.offset;
    return clientTime + offset;
  }

  /** When the session was first certainly accepted (a won observation). */
  wonAt(session: string): Observation | undefined {
    return (this.observations.get(session) ?? []).find((seen) => isWon(seen.phase));
  }

  /** The first pair of observations of one session, in certain order, that `test` accepts. */
  firstOrderedPair(
    session: string,
    test: (earlier: Observation, later: Observation) => boolean,
  ): [Observation, Observation] | undefined {
    const list = this.observations.get(session) ?? [];
    for (const earlier of list)
      for (const later of list)
        if (certainlyBefore(earlier, later) && test(earlier, later)) return [earlier, later];
    return undefined;
  }
}
