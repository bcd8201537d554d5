// Offline checkers for recorded histories. Each rule is a pure function of the history; none
// of them guesses: when operations overlap in time, a rule only compares observations whose
// order is certain (one completed before the other was invoked), and the capacity sweep only
// counts what a broker had certainly promised and not yet certainly released.

import type { HistoryEvent, Op, SessionFacts } from './events.ts';
import { canFollow, isActive, isTerminal, isWon } from './phases.ts';
import { instantMs, pick } from './time.ts';

export const RULES = {
  'single-accept': '/req/concurrency/single-accept',
  'siblings-rejected': '/req/lifecycle/accept-rejects-siblings',
  'terminal-stable': '/req/lifecycle/terminal-stable',
  'no-regression': '/req/lifecycle/no-regression',
  'offer-expires': '/req/expiry/offer-expires',
  'expired-not-acceptable': '/req/expiry/expired-not-acceptable',
  'options-offered': '/req/lifecycle/options-offered',
  'options-after-accept': '/req/lifecycle/options-after-accept',
  capacity: '/req/capacity/never-exceeded',
  'within-platform': '/req/capacity/within-platform',
} as const;

export type Rule = keyof typeof RULES;
export const RULE_NAMES = Object.keys(RULES) as Rule[];

export interface Capacity {
  cores?: number;
  memory?: number;
  storage?: number;
}

export interface Violation {
  rule: Rule;
  requirement: string;
  message: string;
  session?: string;
  /** Indices (0-based) into the history of the events that show the violation. */
  events: number[];
}

export interface CheckOptions {
  /** Platform totals; else taken from a `declare` event in the history; else capacity is skipped. */
  capacity?: Capacity;
  /** The option path that carries phase changes (`phase` in every known profile). */
  updatePath?: string;
  /** Tolerance for clock differences when comparing with expiry instants and slot ends. */
  skewMs?: number;
  /** Run only these rules (default: all). */
  rules?: Rule[];
}

export interface CheckReport {
  violations: Violation[];
  /** Rules that could not run, and why (e.g. no capacity known). */
  skipped: { rule: Rule; reason: string }[];
  counts: { events: number; operations: number; sessions: number };
}

/** One operation: an invoke paired with its completion (by process, in order). */
interface Operation {
  op: Op;
  process: string | number;
  outcome: 'ok' | 'fail' | 'unknown';
  invokeValue: unknown;
  value: unknown;
  invokedAt: number;
  /** Infinity when the operation never completed: it may take effect at any later time. */
  completedAt: number;
  events: number[];
}

/** A phase seen for one session, with the window in which the broker was in it. */
interface Observation {
  session: string;
  phase: string;
  options?: Record<string, string[]>;
  invokedAt: number;
  completedAt: number;
  events: number[];
}

function pairOperations(events: readonly HistoryEvent[]): Operation[] {
  const pending = new Map<string | number, Operation>();
  const operations: Operation[] = [];
  events.forEach((event, index) => {
    if (event.type === 'invoke') {
      const open = pending.get(event.process);
      // A process that invokes again without completing lost its answer: outcome unknown.
      if (open !== undefined) operations.push(open);
      pending.set(event.process, {
        op: event.op,
        process: event.process,
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
      outcome: event.type,
      invokeValue: undefined,
      value: event.value,
      invokedAt: event.time,
      completedAt: event.type === 'unknown' ? Infinity : event.time,
      events: [index],
    });
  });
  operations.push(...pending.values());
  return operations.sort((a, b) => a.invokedAt - b.invokedAt);
}

function factsList(value: unknown): SessionFacts[] {
  const offers = pick(value, 'offers');
  const list = Array.isArray(offers) ? offers : [value];
  return list.filter((item): item is SessionFacts => typeof pick(item, 'session') === 'string');
}

/** Everything the rules share, derived once from the history. */
class HistoryIndex {
  readonly operations: Operation[];
  readonly observations = new Map<string, Observation[]>();
  readonly offersetOf = new Map<string, string>();
  readonly siblings = new Map<string, string[]>();
  readonly facts = new Map<string, { facts: SessionFacts; createdAt: number; events: number[] }>();
  readonly declared: Capacity | undefined;
  private readonly clockNotes: { at: number; offset: number }[] = [];

  constructor(events: readonly HistoryEvent[]) {
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
      list.sort((a, b) => a.completedAt - b.completedAt);
  }

  private observe(operation: Operation, facts: SessionFacts): void {
    if (facts.offerset !== undefined && !this.offersetOf.has(facts.session)) {
      this.offersetOf.set(facts.session, facts.offerset);
      const members = this.siblings.get(facts.offerset) ?? [];
      members.push(facts.session);
      this.siblings.set(facts.offerset, members);
    }
    if (operation.op === 'create' && !this.facts.has(facts.session)) {
      this.facts.set(facts.session, {
        facts,
        createdAt: operation.completedAt,
        events: operation.events,
      });
    }
    if (typeof facts.phase !== 'string') return;
    const list = this.observations.get(facts.session) ?? [];
    list.push({
      session: facts.session,
      phase: facts.phase,
      ...(facts.options === undefined ? {} : { options: facts.options }),
      invokedAt: operation.invokedAt,
      completedAt: operation.completedAt,
      events: operation.events,
    });
    this.observations.set(facts.session, list);
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

  /** When the session was first certainly accepted (completion of a won observation). */
  wonAt(session: string): Observation | undefined {
    return (this.observations.get(session) ?? []).find((seen) => isWon(seen.phase));
  }
}

function readCapacity(value: unknown): Capacity | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const capacity: Capacity = {};
  for (const key of ['cores', 'memory', 'storage'] as const) {
    const amount = pick(value, key);
    if (typeof amount === 'number' && Number.isFinite(amount) && amount >= 0)
      capacity[key] = amount;
  }
  return Object.keys(capacity).length > 0 ? capacity : undefined;
}

type Checker = (
  index: HistoryIndex,
  options: Required<Pick<CheckOptions, 'skewMs' | 'updatePath'>> & { capacity?: Capacity },
) => Violation[];

function violation(rule: Rule, message: string, events: number[], session?: string): Violation {
  return {
    rule,
    requirement: RULES[rule],
    message,
    ...(session === undefined ? {} : { session }),
    events: [...new Set(events)].sort((a, b) => a - b),
  };
}

const singleAccept: Checker = (index) => {
  const found: Violation[] = [];
  for (const [offerset, members] of index.siblings) {
    const winners = members.flatMap((session) => index.wonAt(session) ?? []);
    if (winners.length < 2) continue;
    found.push(
      violation(
        'single-accept',
        `${winners.length} offers of offerset ${offerset} were accepted: ` +
          winners.map((seen) => `${seen.session} (${seen.phase})`).join(', '),
        winners.flatMap((seen) => seen.events),
        winners[1]?.session,
      ),
    );
  }
  return found;
};

const siblingsRejected: Checker = (index) => {
  const found: Violation[] = [];
  for (const session of index.observations.keys()) {
    const won = index.wonAt(session);
    if (won === undefined) continue;
    for (const sibling of index.siblingsOf(session)) {
      const stale = (index.observations.get(sibling) ?? []).find(
        (seen) => seen.phase === 'OFFERED' && seen.invokedAt > won.completedAt,
      );
      if (stale === undefined) continue;
      found.push(
        violation(
          'siblings-rejected',
          `offer ${sibling} was still OFFERED after its sibling ${session} had been accepted`,
          [...won.events, ...stale.events],
          sibling,
        ),
      );
    }
  }
  return found;
};

/** Pairs of observations of one session whose order is certain, earlier first. */
function orderedPairs(list: Observation[]): [Observation, Observation][] {
  const pairs: [Observation, Observation][] = [];
  for (const earlier of list) {
    for (const later of list) {
      if (earlier.completedAt < later.invokedAt) pairs.push([earlier, later]);
    }
  }
  return pairs;
}

const terminalStable: Checker = (index) => {
  const found: Violation[] = [];
  for (const [session, list] of index.observations) {
    const pair = orderedPairs(list).find(
      ([earlier, later]) => isTerminal(earlier.phase) && later.phase !== earlier.phase,
    );
    if (pair === undefined) continue;
    const [earlier, later] = pair;
    found.push(
      violation(
        'terminal-stable',
        `session ${session} was ${earlier.phase} (a terminal phase) and later ${later.phase}`,
        [...earlier.events, ...later.events],
        session,
      ),
    );
  }
  return found;
};

const noRegression: Checker = (index) => {
  const found: Violation[] = [];
  for (const [session, list] of index.observations) {
    const pair = orderedPairs(list).find(
      ([earlier, later]) => !isTerminal(earlier.phase) && !canFollow(earlier.phase, later.phase),
    );
    if (pair === undefined) continue;
    const [earlier, later] = pair;
    found.push(
      violation(
        'no-regression',
        `session ${session} went from ${earlier.phase} back to ${later.phase}`,
        [...earlier.events, ...later.events],
        session,
      ),
    );
  }
  return found;
};

const offerExpires: Checker = (index, { skewMs }) => {
  const found: Violation[] = [];
  for (const [session, list] of index.observations) {
    const expires = instantMs(index.facts.get(session)?.facts.expires);
    if (expires === undefined) continue;
    const late = list.find(
      (seen) => seen.phase === 'OFFERED' && index.brokerTime(seen.invokedAt) > expires + skewMs,
    );
    if (late === undefined) continue;
    found.push(
      violation(
        'offer-expires',
        `offer ${session} was still OFFERED ${Math.round(index.brokerTime(late.invokedAt) - expires)} ms after it expired`,
        late.events,
        session,
      ),
    );
  }
  return found;
};

const expiredNotAcceptable: Checker = (index) => {
  const found: Violation[] = [];
  for (const [session, list] of index.observations) {
    const expired = list.find((seen) => seen.phase === 'EXPIRED');
    if (expired === undefined) continue;
    const accepted = list.find((seen) => isWon(seen.phase) && seen.invokedAt > expired.completedAt);
    if (accepted === undefined) continue;
    found.push(
      violation(
        'expired-not-acceptable',
        `offer ${session} was EXPIRED and was then accepted (${accepted.phase})`,
        [...expired.events, ...accepted.events],
        session,
      ),
    );
  }
  return found;
};

const optionsOffered: Checker = (index, { updatePath }) => {
  const found: Violation[] = [];
  for (const [session, list] of index.observations) {
    const bad = list.find((seen) => {
      if (seen.phase !== 'OFFERED' || seen.options === undefined) return false;
      const values = seen.options[updatePath] ?? [];
      return !values.includes('ACCEPTED') || !values.includes('REJECTED');
    });
    if (bad === undefined) continue;
    found.push(
      violation(
        'options-offered',
        `OFFERED session ${session} offered ${describeOptions(bad.options)} instead of ${updatePath}: ACCEPTED, REJECTED`,
        bad.events,
        session,
      ),
    );
  }
  return found;
};

const optionsAfterAccept: Checker = (index, { updatePath }) => {
  const found: Violation[] = [];
  for (const [session, list] of index.observations) {
    const bad = list.find((seen) => {
      if (seen.options === undefined) return false;
      if (isTerminal(seen.phase)) return Object.keys(seen.options).length > 0;
      if (!isActive(seen.phase)) return false;
      return (seen.options[updatePath] ?? []).some((value) => value !== 'CANCELLED');
    });
    if (bad === undefined) continue;
    const expected = isTerminal(bad.phase) ? 'no options' : `at most ${updatePath}: CANCELLED`;
    found.push(
      violation(
        'options-after-accept',
        `${bad.phase} session ${session} offered ${describeOptions(bad.options)}; expected ${expected}`,
        bad.events,
        session,
      ),
    );
  }
  return found;
};

function describeOptions(options: Record<string, string[]> | undefined): string {
  const entries = Object.entries(options ?? {});
  if (entries.length === 0) return 'no options';
  return entries.map(([path, values]) => `${path}: ${values.join(', ') || '(any)'}`).join('; ');
}

const DIMENSIONS = ['cores', 'memory', 'storage'] as const;

const withinPlatform: Checker = (index, { capacity }) => {
  const found: Violation[] = [];
  if (capacity === undefined) return found;
  for (const { facts, events } of index.facts.values()) {
    const over = DIMENSIONS.filter(
      (key) => capacity[key] !== undefined && facts[key] > capacity[key],
    );
    if (over.length === 0) continue;
    found.push(
      violation(
        'within-platform',
        `offer ${facts.session} holds ${over.map((key) => `${key} ${facts[key]} > ${capacity[key]}`).join(', ')} (the platform total)`,
        events,
        facts.session,
      ),
    );
  }
  return found;
};

/**
 * When, in client time, the session was certainly no longer holding anything: the first
 * operation that could have released it (its reject or cancel, a sibling's accept unless it
 * won itself, a read that found it ended).
 */
function releasedBy(index: HistoryIndex, session: string): number {
  let bound = Infinity;
  const won = index.wonAt(session) !== undefined;
  const siblings = new Set(index.siblingsOf(session));
  for (const operation of index.operations) {
    const target = pick(operation.invokeValue, 'session');
    if (typeof target !== 'string') continue;
    const releasing =
      (target === session && (operation.op === 'reject' || operation.op === 'cancel')) ||
      (!won && operation.op === 'accept' && siblings.has(target));
    if (releasing) bound = Math.min(bound, operation.invokedAt);
  }
  const ended = (index.observations.get(session) ?? []).find((seen) => isTerminal(seen.phase));
  if (ended !== undefined) bound = Math.min(bound, ended.invokedAt);
  return bound;
}

interface LiveItem extends Held {
  createdAt: number;
  heldUntil: number;
  releasedBy: number;
}

/**
 * For every create completion (the only moments the live set can grow), the broker time then
 * and the offers and sessions certainly held at that moment.
 */
function liveSets(index: HistoryIndex, skewMs: number): { broker: number; live: LiveItem[] }[] {
  const held: LiveItem[] = [...index.facts.entries()].flatMap(([session, entry]) => {
    const start = instantMs(entry.facts.slot?.start);
    const end = instantMs(entry.facts.slot?.end);
    if (start === undefined || end === undefined || end <= start) return [];
    const won = index.wonAt(session) !== undefined;
    // An offer is held until it expires; an accepted session until its slot is over.
    const heldUntil = won ? end : (instantMs(entry.facts.expires) ?? Infinity);
    return [{ ...entry, start, end, heldUntil, releasedBy: releasedBy(index, session) }];
  });
  const probes = [...new Set(held.map((item) => item.createdAt))].sort((a, b) => a - b);
  return probes.map((probe) => {
    // The broker clock at the probe: its own creation stamp of the offers made then, when
    // later than the estimate (another client may have moved a shared virtual clock on).
    const stamps = held
      .filter((item) => item.createdAt === probe)
      .map((item) => instantMs(item.facts.created) ?? -Infinity);
    const broker = Math.max(index.brokerTime(probe), ...stamps);
    const live = held.filter(
      (item) =>
        item.createdAt <= probe && probe < item.releasedBy && broker < item.heldUntil - skewMs,
    );
    return { broker, live };
  });
}

const capacityNeverExceeded: Checker = (index, { capacity, skewMs }) => {
  const found: Violation[] = [];
  if (capacity === undefined) return found;
  const reported = new Set<string>();
  for (const { live } of liveSets(index, skewMs)) {
    const peak = sweep(live, capacity);
    if (peak === undefined) continue;
    const key = peak.items
      .map((item) => item.facts.session)
      .sort()
      .join(',');
    if (reported.has(key)) continue;
    reported.add(key);
    found.push(
      violation(
        'capacity',
        `at ${new Date(peak.at).toISOString()} ${peak.items.length} live offers or sessions hold ` +
          `${peak.dimension} ${peak.total} > capacity ${capacity[peak.dimension]} ` +
          `(${peak.items.map((item) => item.facts.session).join(', ')})`,
        peak.items.flatMap((item) => item.events),
        peak.items[peak.items.length - 1]?.facts.session,
      ),
    );
    if (found.length >= 20) break;
  }
  return found;
};

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
  return liveSets(new HistoryIndex(events), skewMs).map(({ broker, live }) => {
    const peaks = { cores: 0, memory: 0, storage: 0 };
    const boundaries = live
      .flatMap((item) => [
        { at: item.start, item, delta: 1 },
        { at: item.end, item, delta: -1 },
      ])
      .sort((a, b) => a.at - b.at || a.delta - b.delta);
    const running = { cores: 0, memory: 0, storage: 0 };
    for (const { item, delta } of boundaries) {
      for (const key of DIMENSIONS) {
        running[key] += delta * item.facts[key];
        peaks[key] = Math.max(peaks[key], running[key]);
      }
    }
    return { at: new Date(broker).toISOString(), ...peaks };
  });
}

interface Held {
  facts: SessionFacts;
  start: number;
  end: number;
  events: number[];
}

/** Sweeps the slot boundaries of the live items; returns the first instant over capacity. */
function sweep<T extends Held>(
  items: T[],
  capacity: Capacity,
): { at: number; dimension: (typeof DIMENSIONS)[number]; total: number; items: T[] } | undefined {
  const boundaries = items
    .flatMap((item) => [
      { at: item.start, item, delta: 1 },
      { at: item.end, item, delta: -1 },
    ])
    // Ends before starts at the same instant: slots are half-open, back to back is no overlap.
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  const running = new Set<T>();
  for (const { at, item, delta } of boundaries) {
    if (delta < 0) {
      running.delete(item);
      continue;
    }
    running.add(item);
    for (const dimension of DIMENSIONS) {
      const limit = capacity[dimension];
      if (limit === undefined) continue;
      let total = 0;
      for (const member of running) total += member.facts[dimension];
      if (total > limit) return { at, dimension, total, items: [...running] };
    }
  }
  return undefined;
}

const CHECKERS: Record<Rule, Checker> = {
  'single-accept': singleAccept,
  'siblings-rejected': siblingsRejected,
  'terminal-stable': terminalStable,
  'no-regression': noRegression,
  'offer-expires': offerExpires,
  'expired-not-acceptable': expiredNotAcceptable,
  'options-offered': optionsOffered,
  'options-after-accept': optionsAfterAccept,
  capacity: capacityNeverExceeded,
  'within-platform': withinPlatform,
};

/** Runs the rules over a parsed history. */
export function checkHistory(
  events: readonly HistoryEvent[],
  options: CheckOptions = {},
): CheckReport {
  const index = new HistoryIndex(events);
  const capacity = options.capacity ?? index.declared;
  const settings = {
    skewMs: options.skewMs ?? 1000,
    updatePath: options.updatePath ?? 'phase',
    ...(capacity === undefined ? {} : { capacity }),
  };
  const violations: Violation[] = [];
  const skipped: CheckReport['skipped'] = [];
  for (const rule of options.rules ?? RULE_NAMES) {
    if ((rule === 'capacity' || rule === 'within-platform') && capacity === undefined) {
      skipped.push({ rule, reason: 'no capacity declared (use --declare or a declare event)' });
      continue;
    }
    violations.push(...CHECKERS[rule](index, settings));
  }
  return {
    violations,
    skipped,
    counts: {
      events: events.length,
      operations: index.operations.length,
      sessions: index.observations.size,
    },
  };
}
