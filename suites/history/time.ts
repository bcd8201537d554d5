// ISO 8601 instants, durations and intervals as sessions carry them, read defensively: a broker
// under test may send anything, so every reader returns undefined rather than throwing.

import { parseDuration } from '../../spec/index.ts';

/** Milliseconds in an ISO 8601 duration such as `PT1H30M`, or undefined if it is not one. */
export function durationMs(text: unknown): number | undefined {
  return typeof text === 'string' ? parseDuration(text) : undefined;
}

/** Epoch milliseconds of an ISO 8601 instant (or of an epoch number), else undefined. */
export function instantMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The earliest and latest start an interval allows: `start/end`, `start/duration`,
 * `duration/end`, or a bare instant (earliest = latest).
 */
export function intervalBounds(text: unknown): { earliest: number; latest: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const parts = text.split('/');
  if (parts.length === 1) {
    const at = instantMs(parts[0]);
    return at === undefined ? undefined : { earliest: at, latest: at };
  }
  if (parts.length !== 2) return undefined;
  const [left, right] = parts as [string, string];
  const leftAt = instantMs(left);
  const rightAt = instantMs(right);
  if (leftAt !== undefined && rightAt !== undefined) return ordered(leftAt, rightAt);
  const rightLength = durationMs(right);
  if (leftAt !== undefined && rightLength !== undefined)
    return ordered(leftAt, leftAt + rightLength);
  const leftLength = durationMs(left);
  if (leftLength !== undefined && rightAt !== undefined)
    return ordered(rightAt - leftLength, rightAt);
  return undefined;
}

function ordered(
  earliest: number,
  latest: number,
): { earliest: number; latest: number } | undefined {
  return earliest <= latest ? { earliest, latest } : undefined;
}

/** A half-open span of broker time, in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The span a session is certain to use: from the latest start its schedule allows to the
 * earliest end. Checkers use this narrow reading so that a flexible start never makes two
 * sessions look as if they overlapped when the broker could have kept them apart.
 */
export function certainSlot(session: unknown): Span | undefined {
  const available = pick(session, 'schedule', 'available');
  if (available === undefined) return undefined;
  const start = intervalBounds(pick(available, 'start'));
  const length = durationMs(pick(available, 'duration'));
  if (start === undefined || length === undefined) return undefined;
  const span = { start: start.latest, end: start.earliest + length };
  return span.end > span.start ? span : undefined;
}

/** Reads a nested property of an unknown value without trusting its shape. */
export function pick(value: unknown, ...keys: string[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
