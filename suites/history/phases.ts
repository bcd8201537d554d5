// The session lifecycle as an observer sees it. The phases themselves and their order are the
// reference broker's domain (mock/domain/phases.ts), the one statement of the state machine in
// the project; what is added here is the observer's question. The suites only ever see
// snapshots (a GET may miss intermediate phases), so the question is "could the broker have
// gone from A to B in any number of steps", not "is A->B one step", and phase names come from
// the wire, so every function takes any string.

import {
  ACTIVE_ORDER,
  isSessionPhase,
  isTerminal as isTerminalPhase,
} from '../../mock/domain/phases.ts';

/** Accepted and not yet ended, in the order the broker drives them (COMPLETED is the end). */
const ACTIVE: readonly string[] = ACTIVE_ORDER.filter((phase) => phase !== 'COMPLETED');

/** Phases only an accepted session can reach (it won its offer set). */
const WON: ReadonlySet<string> = new Set(ACTIVE_ORDER);

export function isTerminal(phase: string): boolean {
  return isSessionPhase(phase) && isTerminalPhase(phase);
}

/** Accepted and not yet ended: a client may at most cancel it. */
export function isActive(phase: string): boolean {
  return ACTIVE.includes(phase);
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
  if (from === 'INITIAL' || from === 'OFFERED') return to !== 'INITIAL';
  // Active: forward along the execution order, or to an end reachable from an active phase.
  if (to === 'COMPLETED' || to === 'FAILED' || to === 'CANCELLED') return true;
  return ACTIVE.indexOf(to) > ACTIVE.indexOf(from);
}
