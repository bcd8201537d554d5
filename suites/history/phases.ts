// The session lifecycle as an observer sees it: which phase may follow which. The suites only
// ever see snapshots (a GET may miss intermediate phases), so the question asked here is
// "could the broker have gone from A to B in any number of steps", not "is A->B one step".

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

const TERMINAL: ReadonlySet<string> = new Set([
  'REJECTED',
  'EXPIRED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
]);

/** Phases a session is in between acceptance and its end, in the order the broker drives them. */
const ACTIVE_ORDER = ['ACCEPTED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING', 'RELEASING'];

/** Phases only an accepted session can reach (it won its offer set). */
const WON: ReadonlySet<string> = new Set([...ACTIVE_ORDER, 'COMPLETED']);

export function isSessionPhase(value: unknown): value is SessionPhase {
  return typeof value === 'string' && (SESSION_PHASES as readonly string[]).includes(value);
}

export function isTerminal(phase: string): boolean {
  return TERMINAL.has(phase);
}

/** Accepted and not yet ended: the phases in which a client may cancel. */
export function isActive(phase: string): boolean {
  return ACTIVE_ORDER.includes(phase);
}

/**
 * True when the phase proves the session was accepted. CANCELLED and FAILED are left out on
 * purpose: a broker might use them for offers too, and the checkers must never guess.
 */
export function isWon(phase: string): boolean {
  return WON.has(phase);
}

/**
 * Whether a session seen in phase `from` may later be seen in phase `to` (zero or more steps).
 * Unknown phase names are never reachable, so a typo in a broker's answer shows up.
 */
export function canFollow(from: string, to: string): boolean {
  if (from === to) return isSessionPhase(from);
  if (!isSessionPhase(from) || !isSessionPhase(to)) return false;
  if (isTerminal(from)) return false;
  if (from === 'INITIAL') return to !== 'INITIAL';
  if (from === 'OFFERED') return to !== 'INITIAL';
  // Active: forward along the execution order, or to an end reachable from an active phase.
  if (to === 'COMPLETED' || to === 'FAILED' || to === 'CANCELLED') return true;
  const fromRank = ACTIVE_ORDER.indexOf(from);
  const toRank = ACTIVE_ORDER.indexOf(to);
  return toRank > fromRank;
}
