// A small builder for hand-written histories, so each checker test reads as a story:
// "p1 creates two offers, p1 accepts the first, p2 reads the second...".

import type { HistoryEvent, Op, SessionFacts } from '../../suites/history/events.ts';
import { expectedOptions } from '../../suites/history/phases.ts';

export const T0 = Date.parse('2030-01-01T00:00:00Z');
const MINUTE = 60_000;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function offer(
  session: string,
  offerset: string,
  extra: Partial<SessionFacts> = {},
): SessionFacts {
  return {
    session,
    offerset,
    phase: 'OFFERED',
    expires: iso(T0 + 5 * MINUTE),
    cores: 2,
    memory: 4,
    storage: 0,
    slot: { start: iso(T0 + 10 * MINUTE), end: iso(T0 + 70 * MINUTE) },
    options: { phase: ['ACCEPTED', 'REJECTED'] },
    ...extra,
  };
}

export class Story {
  readonly events: HistoryEvent[] = [];
  private clock = T0;

  /** Moves client time on by `ms` (default 10 ms) and returns the new time. */
  tick(ms = 10): number {
    this.clock += ms;
    return this.clock;
  }

  invoke(process: string, op: Op, value: unknown): this {
    this.events.push({ process, type: 'invoke', op, value, time: this.tick() });
    return this;
  }

  ok(process: string, op: Op, value: unknown): this {
    this.events.push({ process, type: 'ok', op, value, time: this.tick() });
    return this;
  }

  fail(process: string, op: Op, value: unknown): this {
    this.events.push({ process, type: 'fail', op, value, time: this.tick() });
    return this;
  }

  create(process: string, offerset: string, offers: SessionFacts[]): this {
    return this.invoke(process, 'create', { request: {} }).ok(process, 'create', {
      offerset,
      result: offers.length > 0 ? 'YES' : 'NO',
      offers,
    });
  }

  /**
   * A complete update or read: invoke then ok with the phase the broker reported. Unless the
   * story says otherwise, the session lists the options its phase should (a well-behaved broker).
   */
  call(
    process: string,
    op: Op,
    session: string,
    phase: string,
    extra: Partial<SessionFacts> = {},
  ): this {
    const listed = expectedOptions(phase);
    return this.invoke(process, op, { session }).ok(process, op, {
      session,
      phase,
      cores: 0,
      memory: 0,
      storage: 0,
      ...(listed === undefined
        ? {}
        : { options: listed.length === 0 ? {} : { phase: [...listed] } }),
      ...extra,
    });
  }
}
