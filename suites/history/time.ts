// ISO 8601 instants, durations and intervals as sessions carry them, read defensively: a broker
// under test may send anything, so every reader returns undefined rather than throwing.

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

// Years and months have no fixed length; these are the usual nominal values, good enough for
// schedules that in practice are counted in minutes and hours.
const UNIT_MS = [
  365 * 86_400_000,
  30 * 86_400_000,
  7 * 86_400_000,
  86_400_000,
  3_600_000,
  60_000,
  1000,
];

/** Milliseconds in an ISO 8601 duration such as `PT1H30M`, or undefined if it is not one. */
export function durationMs(text: unknown): number | undefined {
  if (typeof text !== 'string' || text === 'P' || text.endsWith('T')) return undefined;
  const match = DURATION.exec(text);
  if (match === null) return undefined;
  let total = 0;
  for (let i = 0; i < UNIT_MS.length; i += 1) {
    const part = match[i + 1];
    if (part !== undefined) total += Number(part) * (UNIT_MS[i] ?? 0);
  }
  return total;
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
