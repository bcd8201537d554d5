// Readers for the parts of requests and offers the matching rules compare. A broker (or a
// client) may send anything, so every reader returns undefined instead of throwing.

import { durationMs, instantMs, intervalBounds, pick } from '../history/time.ts';

export interface Range {
  min?: number;
  max?: number;
}

export interface Bounds {
  earliest: number;
  latest: number;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A `{min, max}` block (cores, memory, size); undefined when absent or not an object. */
export function rangeOf(value: unknown): Range | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const range: Range = {};
  const min = num(pick(value, 'min'));
  const max = num(pick(value, 'max'));
  if (min !== undefined) range.min = min;
  if (max !== undefined) range.max = max;
  return range;
}

/** What an offer provides of a {min, max} resource: its min (a broker's promise), else its max. */
export function provided(value: unknown): number | undefined {
  const range = rangeOf(value);
  return range?.min ?? range?.max;
}

/** The most an offer may provide of a {min, max} resource. */
export function most(value: unknown): number {
  const range = rangeOf(value);
  return Math.max(range?.min ?? 0, range?.max ?? 0);
}

export interface StorageItem {
  name?: string;
  min?: number;
  max?: number;
}

/** The storage resources of a request or an offer, with their names and sizes. */
export function storageItems(doc: unknown): StorageItem[] {
  const list = pick(doc, 'storage');
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const entry: StorageItem = {};
    const name = pick(item, 'meta', 'name');
    if (typeof name === 'string') entry.name = name;
    const range = rangeOf(pick(item, 'size'));
    if (range?.min !== undefined) entry.min = range.min;
    if (range?.max !== undefined) entry.max = range.max;
    return entry;
  });
}

function boundsList(value: unknown): Bounds[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const bounds = list.map((item) => intervalBounds(item));
  return bounds.every((b) => b !== undefined) ? (bounds as Bounds[]) : undefined;
}

/** The requested start intervals as bounds; undefined when not given or not readable. */
export function startWindows(request: unknown): Bounds[] | undefined {
  return boundsList(pick(request, 'schedule', 'requested', 'start'));
}

/** The offered start: every start interval of the available block, as bounds. */
export function offeredStarts(offer: unknown): Bounds[] | undefined {
  return boundsList(pick(offer, 'schedule', 'available', 'start'));
}

export function offeredDuration(offer: unknown): number | undefined {
  return durationMs(pick(offer, 'schedule', 'available', 'duration'));
}

export function requestedDuration(request: unknown): number | undefined {
  return durationMs(pick(request, 'schedule', 'requested', 'duration'));
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export { pick, durationMs, instantMs, intervalBounds };
