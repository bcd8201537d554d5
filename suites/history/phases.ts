// The session lifecycle as the judge sees it: its own table, written from the standard's
// lifecycle (phases, the order a broker drives an accepted session through, the terminal
// phases, what a client may ask for in each), independent of the reference broker's code so a
// defect there cannot hide itself. The judge only ever sees snapshots (a read may miss
// intermediate phases), so its question is "could the broker have gone from A to B in any number
// of steps", not "is A->B one step". Phase names come from the wire: every function takes any
// string, and a name outside the table is never a legal phase.

export const SESSION_PHASES = [
  'INITIAL',
  'OFFERED',
  'ACCEPTED',
  'REJECTED',
  'EXPIRED',
  'WAITING',
  'PREPARING',
  'AVAILABLE',
  'RUNNING',
  'RELEASING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
] as const;

export type SessionPhase = (typeof SESSION_PHASES)[number];

/** The order a broker drives an accepted session through; COMPLETED is where it ends. */
export const EXECUTION_ORDER: readonly SessionPhase[] = [
  'ACCEPTED',
  'WAITING',
  'PREPARING',
  'AVAILABLE',
  'RUNNING',
  'RELEASING',
  'COMPLETED',
];

const TERMINAL: ReadonlySet<string> = new Set([
  'REJECTED',
  'EXPIRED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
]);

/** Accepted and not yet ended. */
const ACTIVE: readonly string[] = EXECUTION_ORDER.filter((phase) => phase !== 'COMPLETED');

/** Where a client may still cancel: up to and including RUNNING (RELEASING is already ending). */
const CANCELLABLE: ReadonlySet<string> = new Set([
  'ACCEPTED',
  'WAITING',
  'PREPARING',
  'AVAILABLE',
  'RUNNING',
]);

/** Phases only an accepted session can reach (it won its offer set). */
const WON: ReadonlySet<string> = new Set(EXECUTION_ORDER);

export function isSessionPhase(phase: unknown): phase is SessionPhase {
  return typeof phase === 'string' && (SESSION_PHASES as readonly string[]).includes(phase);
}

export function isTerminal(phase: string): boolean {
  return TERMINAL.has(phase);
}

/** Accepted and not yet ended: a client may at most cancel it. */
export function isActive(phase: string): boolean {
  return ACTIVE.includes(phase);
}

export function isCancellable(phase: string): boolean {
  return CANCELLABLE.has(phase);
}

/**
 * True when the phase proves the session was accepted. CANCELLED and FAILED are left out on
 * purpose: a broker might use them for offers too, and the judge must never guess.
 */
export function isWon(phase: string): boolean {
  return WON.has(phase);
}

/**
 * The values a session in this phase should list on the update path: accept or reject while
 * OFFERED, cancel while it can still be cancelled, nothing once it has ended. Undefined where
 * the standard says nothing (INITIAL, RELEASING).
 */
export function expectedOptions(phase: string): readonly string[] | undefined {
  if (phase === 'OFFERED') return ['ACCEPTED', 'REJECTED'];
  if (isCancellable(phase)) return ['CANCELLED'];
  if (isTerminal(phase)) return [];
  return undefined;
}

/**
 * Whether a session seen in phase `from` may later be seen in phase `to` (zero or more steps).
 * Unknown phase names are never reachable, so a typo in a broker's answer shows up.
 */
export function canFollow(from: string, to: string): boolean {
  if (!isSessionPhase(from) || !isSessionPhase(to)) return false;
  if (from === to) return true;
  if (isTerminal(from)) return false;
  if (from === 'INITIAL' || from === 'OFFERED') return to !== 'INITIAL';
  // Active: forward along the execution order, or to an end reachable from an active phase.
  if (to === 'COMPLETED' || to === 'FAILED' || to === 'CANCELLED') return true;
  return ACTIVE.indexOf(to) > ACTIVE.indexOf(from);
}
