// ISO 8601 instants, durations and intervals as the broker needs them: parsed into epoch
// milliseconds, written back in the forms the wire patterns accept. Calendar units (years,
// months) are taken at fixed lengths because a broker schedules in elapsed time, not dates.

import { parseDuration } from '../../spec/index.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const INSTANT =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?$/;

/** Durations are read by the project's one reader (spec/iso8601.ts). */
export { parseDuration };

/** Writes milliseconds as `PT#H#M#S`, the plainest form every parser understands. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  const seconds = (total % MINUTE) / SECOND;
  let text = 'PT';
  if (hours > 0) text += `${hours}H`;
  if (minutes > 0) text += `${minutes}M`;
  if (seconds > 0 || text === 'PT') text += `${Number(seconds.toFixed(3))}S`;
  return text;
}

/** Epoch milliseconds, or undefined. A date without a time is midnight UTC; no zone means UTC. */
export function parseInstant(text: string): number | undefined {
  if (!INSTANT.test(text)) return undefined;
  const zoned = /T/.test(text) && !/(?:Z|[+-]\d{2}:\d{2})$/.test(text) ? `${text}Z` : text;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

// Formatting dates is a noticeable share of rendering an offer set, and the same few instants
// (created, expires, schedule edges) are written again and again: remember recent ones.
const formatted = new Map<number, string>();

export function formatInstant(ms: number): string {
  let text = formatted.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString();
    if (formatted.size >= 4096) formatted.clear();
    formatted.set(ms, text);
  }
  return text;
}

export interface Interval {
  start: number;
  end: number;
}

/**
 * Parses `start/end`, `start/duration` or `duration/end`. A bare instant is read as a window
 * of width zero, which is what a client means by "start at exactly this time".
 */
export function parseInterval(text: string): Interval | undefined {
  const parts = text.split('/');
  if (parts.length === 1) {
    const at = parseInstant(text);
    return at === undefined ? undefined : { start: at, end: at };
  }
  if (parts.length !== 2) return undefined;
  const [left = '', right = ''] = parts;
  const leftInstant = parseInstant(left);
  const rightInstant = parseInstant(right);
  if (leftInstant !== undefined && rightInstant !== undefined) {
    return { start: leftInstant, end: rightInstant };
  }
  if (leftInstant !== undefined) {
    const width = parseDuration(right);
    return width === undefined ? undefined : { start: leftInstant, end: leftInstant + width };
  }
  if (rightInstant !== undefined) {
    const width = parseDuration(left);
    return width === undefined ? undefined : { start: rightInstant - width, end: rightInstant };
  }
  return undefined;
}

/** One slot is written as an interval of width zero: start and end are the same instant. */
export function formatSlot(ms: number): string {
  const instant = formatInstant(ms);
  return `${instant}/${instant}`;
}

export const TIME = { SECOND, MINUTE, HOUR, DAY } as const;
