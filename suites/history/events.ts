// The history format: NDJSON, one line per event, in the style of Jepsen/Knossos histories.
// A process invokes an operation, later the same process completes it with `ok` (it took
// effect, `value` says what the broker answered), `fail` (it certainly did not take effect) or
// `unknown` (no answer: it may or may not have). A process runs one operation at a time.
// suites/history/README.md documents every op and its values.

import { instantMs, pick } from './time.ts';

export const EVENT_TYPES = ['invoke', 'ok', 'fail', 'unknown'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const OPS = ['create', 'accept', 'reject', 'cancel', 'read', 'declare', 'clock'] as const;
export type Op = (typeof OPS)[number];

export interface HistoryEvent {
  process: string | number;
  type: EventType;
  op: Op;
  value: unknown;
  /** Client time in epoch milliseconds (an ISO 8601 string is accepted on input). */
  time: number;
}

/** What a history records about one offer or session, read from a broker's answer. */
export interface SessionFacts {
  session: string;
  offerset?: string;
  phase?: string;
  expires?: string;
  cores: number;
  memory: number;
  storage: number;
  /** The certain span of its schedule (ISO instants), when the schedule says. */
  slot?: { start: string; end: string };
  /** Options as `path -> allowed values` (enum options) or `path -> []` for other kinds. */
  options?: Record<string, string[]>;
  /** The broker's `meta.created` of the offerset that made it: a reading of the broker clock. */
  created?: string;
  /** When its schedule says preparation starts (ISO instant), when it says. */
  preparing?: string;
}

export interface ParseProblem {
  line: number;
  message: string;
}

/**
 * Reads an NDJSON history. Blank lines are skipped; every other line must be an event, and a
 * line that is not is reported with its number instead of stopping the parse.
 */
export function parseHistory(text: string): { events: HistoryEvent[]; problems: ParseProblem[] } {
  const events: HistoryEvent[] = [];
  const problems: ParseProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      problems.push({ line: index + 1, message: 'not a JSON value' });
      return;
    }
    const checked = toEvent(parsed);
    if (typeof checked === 'string') problems.push({ line: index + 1, message: checked });
    else events.push(checked);
  });
  return { events, problems };
}

/** Validates one decoded line; returns the event or a sentence saying what is wrong. */
export function toEvent(value: unknown): HistoryEvent | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'an event must be a JSON object';
  }
  const process = pick(value, 'process');
  const type = pick(value, 'type');
  const op = pick(value, 'op');
  const time = instantMs(pick(value, 'time'));
  if (typeof process !== 'string' && typeof process !== 'number') {
    return '`process` must be a string or a number';
  }
  if (!(EVENT_TYPES as readonly unknown[]).includes(type)) {
    return `\`type\` must be one of ${EVENT_TYPES.join(', ')}`;
  }
  if (!(OPS as readonly unknown[]).includes(op)) return `\`op\` must be one of ${OPS.join(', ')}`;
  if (time === undefined) return '`time` must be epoch milliseconds or an ISO 8601 instant';
  return {
    process,
    type: type as EventType,
    op: op as Op,
    value: pick(value, 'value') ?? null,
    time,
  };
}

export function serialiseHistory(events: readonly HistoryEvent[]): string {
  return events.map((event) => JSON.stringify(event)).join('\n') + (events.length > 0 ? '\n' : '');
}
