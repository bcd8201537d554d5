// The requested schedule: a duration and a start interval, in both ISO 8601 interval forms
// (start/end and start/duration). Times are relative to `now`, the broker's clock, so a run
// against a broker whose clock was advanced still asks for the future. `edge` adds past and
// far-future windows, zero and negative durations, reversed intervals and strings that are
// not ISO 8601 at all.

import fc from 'fast-check';
import type { Json, JsonObject, Shape } from './types.ts';

export interface ScheduleConstraints {
  /** Epoch ms the schedule is relative to. */
  now: number;
  shape?: Shape;
  /** Longest valid duration asked for, in minutes (default 240). */
  maxDurationMinutes?: number;
  /** How far ahead a valid window may open, in hours (default 48). */
  horizonHours?: number;
}

const MINUTE = 60_000;

/** An instant as ISO 8601 UTC, to the second. */
export function instant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A duration of whole minutes as ISO 8601 (`PT1H30M`). */
export function minutes(total: number): string {
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (total === 0) return 'PT0S';
  return `PT${hours > 0 ? `${hours}H` : ''}${rest > 0 ? `${rest}M` : ''}`;
}

function validWindow(now: number, horizonHours: number): fc.Arbitrary<string> {
  // Windows open at least five minutes ahead, so they are still in the future when they arrive.
  const base = Math.ceil(now / MINUTE) * MINUTE;
  return fc
    .record({
      openIn: fc.integer({ min: 5, max: horizonHours * 60 }),
      width: fc.integer({ min: 30, max: 240 }),
      form: fc.constantFrom('start-end', 'start-duration'),
    })
    .map(({ openIn, width, form }) => {
      const start = base + openIn * MINUTE;
      return form === 'start-end'
        ? `${instant(start)}/${instant(start + width * MINUTE)}`
        : `${instant(start)}/${minutes(width)}`;
    });
}

function edgeWindow(now: number): fc.Arbitrary<Json> {
  const day = 24 * 60 * MINUTE;
  return fc.constantFrom<Json>(
    `${instant(now - 3 * day)}/${instant(now - 2 * day)}`,
    `${instant(now - day)}/PT1H`,
    `${instant(now + 2 * 60 * MINUTE)}/${instant(now + 60 * MINUTE)}`,
    `${instant(now + 3650 * day)}/PT1H`,
    `${instant(now + 10 * MINUTE)}/${instant(now + 10 * MINUTE)}`,
    `${instant(now + 10 * MINUTE)}`,
    'tomorrow morning',
    '2026-13-45T25:61:00Z/PT1H',
    '',
    42,
  );
}

const EDGE_DURATIONS: Json[] = ['PT0S', '-PT1H', 'P1000Y', 'PT', 'P1X', 'one hour', 3600];

export function scheduleArbitrary(constraints: ScheduleConstraints): fc.Arbitrary<JsonObject> {
  const maxMinutes = constraints.maxDurationMinutes ?? 240;
  const duration = fc.integer({ min: 10, max: maxMinutes }).map(minutes);
  const start = validWindow(constraints.now, constraints.horizonHours ?? 48);
  const edge = constraints.shape === 'edge';
  return fc
    .record(
      {
        duration: edge
          ? fc.oneof<[fc.Arbitrary<Json>, fc.Arbitrary<Json>]>(
              duration,
              fc.constantFrom(...EDGE_DURATIONS),
            )
          : duration,
        start: edge
          ? fc.oneof<[fc.Arbitrary<Json>, fc.Arbitrary<Json>]>(start, edgeWindow(constraints.now))
          : start,
      },
      { requiredKeys: [] },
    )
    .map((requested) => ({ requested: requested as JsonObject }));
}
