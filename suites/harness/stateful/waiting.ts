// Letting broker time pass, the one way every stateful check does it: through the control clock
// when the target has one, else by waiting for real, but only as long as --max-wait allows. A
// wait that would take longer is not made; the caller gets the reason, which says what to allow
// so the check can be made ("allow --max-wait PT7M"), and reports the requirement INCONCLUSIVE.

import { durationMs } from '../../history/time.ts';
import type { TargetContext } from '../context.ts';
import { DECLARATION_DEFAULTS } from '../declaration.ts';
import type { StatefulPort } from './port.ts';

export type Waited = { reached: true } | { reached: false; reason: string };

/** How long an offer may still read OFFERED after `expires` (declaration `expiryGrace`). */
export function expiryGraceMs(context: TargetContext): number {
  return durationMs(context.declaration.expiryGrace ?? DECLARATION_DEFAULTS.expiryGrace) ?? 10_000;
}

/** A --max-wait value that covers `ms`, in whole minutes (or seconds below a minute). */
export function maxWaitFor(ms: number): string {
  if (ms < 60_000) return `PT${Math.ceil(ms / 1000)}S`;
  return `PT${Math.ceil(ms / 60_000)}M`;
}

function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000)} s`;
}

/** Why a wait of `neededMs` for `what` is not made. */
export function tooLong(neededMs: number, capMs: number, what: string): string {
  return (
    `waiting ${seconds(neededMs)} for ${what} exceeds --max-wait (${seconds(capMs)}); ` +
    `allow --max-wait ${maxWaitFor(neededMs + 30_000)} to check it`
  );
}

/**
 * Lets the broker's clock run until `instant` (epoch ms, broker clock) plus `marginMs`. On a
 * real clock the wait is made only when it fits in `capMs` (default --max-wait).
 */
export async function letTimePass(
  port: StatefulPort,
  context: TargetContext,
  instant: number,
  what: string,
  marginMs = 2_000,
  capMs = context.maxWaitMs,
): Promise<Waited> {
  const needed = instant + marginMs - port.brokerNow();
  if (needed <= 0) return { reached: true };
  if (context.control) {
    await port.pass(needed);
    return { reached: true };
  }
  if (needed > capMs) return { reached: false, reason: tooLong(needed, capMs, what) };
  await new Promise((resolve) => setTimeout(resolve, needed));
  return { reached: true };
}

/**
 * Why a SHOULD-level observation (a session followed to its end) may not wait until `until`
 * (broker ms), or undefined when it may. On a real clock it waits at most --max-wait, and at
 * --fail-on must no longer than the MUST checks wait anyway (an offer's `expires` plus the
 * grace), so it costs nothing extra; a control clock never waits.
 */
export function followBudget(
  port: StatefulPort,
  context: TargetContext,
  until: number,
  expires: number | undefined,
  what: string,
): string | undefined {
  if (context.control) return undefined;
  const needed = until - port.brokerNow();
  if (needed > context.maxWaitMs) return tooLong(needed, context.maxWaitMs, what);
  if (context.failOn === 'should' || expires === undefined) return undefined;
  const free = expires + expiryGraceMs(context) - port.brokerNow();
  if (needed <= free) return undefined;
  return (
    `${what} takes ${Math.ceil((needed - free) / 1000)} s more than the time-dependent MUST ` +
    'checks wait; run with --fail-on should to wait for it'
  );
}
