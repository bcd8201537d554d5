// The session state machine: which phases exist, which follow which, and what a client may
// ask for in each. Phases only move forward along ORDER; terminal phases never change.

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

/** The lifecycle an accepted session runs through under the broker's clock. */
export const ACTIVE_ORDER = [
  'ACCEPTED',
  'WAITING',
  'PREPARING',
  'AVAILABLE',
  'RUNNING',
  'RELEASING',
  'COMPLETED',
] as const;

export type ActivePhase = (typeof ACTIVE_ORDER)[number];

const TERMINAL: ReadonlySet<SessionPhase> = new Set([
  'REJECTED',
  'EXPIRED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
]);

/** Phases from which a client may cancel: accepted, up to and including RUNNING. */
const CANCELLABLE: ReadonlySet<SessionPhase> = new Set([
  'ACCEPTED',
  'WAITING',
  'PREPARING',
  'AVAILABLE',
  'RUNNING',
]);

export function isSessionPhase(value: unknown): value is SessionPhase {
  return typeof value === 'string' && (SESSION_PHASES as readonly string[]).includes(value);
}

export function isTerminal(phase: SessionPhase): boolean {
  return TERMINAL.has(phase);
}

export function isCancellable(phase: SessionPhase): boolean {
  return CANCELLABLE.has(phase);
}

/** The phase values a client may set now (what `meta.options` lists). */
export function allowedTargets(phase: SessionPhase): SessionPhase[] {
  if (phase === 'OFFERED') return ['ACCEPTED', 'REJECTED'];
  if (isCancellable(phase)) return ['CANCELLED'];
  return [];
}

/** Rank along the forward order; used to check that phases never go back. */
export function phaseRank(phase: SessionPhase): number {
  if (phase === 'INITIAL') return 0;
  if (phase === 'OFFERED') return 1;
  const active = (ACTIVE_ORDER as readonly string[]).indexOf(phase);
  if (active >= 0) return 2 + active;
  return 100; // terminal side-exits rank after everything
}

export type Transition =
  | { ok: true; to: SessionPhase }
  | { ok: false; reason: 'terminal' | 'not-allowed'; from: SessionPhase; to: SessionPhase };

/** Whether a client may move a session from `from` to `to`. */
export function clientTransition(from: SessionPhase, to: SessionPhase): Transition {
  if (allowedTargets(from).includes(to)) return { ok: true, to };
  return { ok: false, reason: isTerminal(from) ? 'terminal' : 'not-allowed', from, to };
}
