// Readers for the parts of requests and offers the matching checks compare. A broker under
// test may send anything, so every reader returns undefined instead of throwing.

import { durationMs, instantMs, intervalBounds, pick } from '../history/time.ts';

export interface Range {
  min?: number;
  max?: number;
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

export interface StorageItem {
  name?: string;
  min?: number;
  max?: number;
}

function storageItems(doc: unknown): StorageItem[] {
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

export const requestedStorage = storageItems;
export const offeredStorage = storageItems;

/** The requested start intervals as [earliest, latest] epoch ms; undefined when not given. */
export function startWindows(request: unknown): { earliest: number; latest: number }[] | undefined {
  const start = pick(request, 'schedule', 'requested', 'start');
  if (start === undefined) return undefined;
  const list = Array.isArray(start) ? start : [start];
  const windows = list.map((item) => intervalBounds(item));
  return windows.every((w) => w !== undefined)
    ? (windows as { earliest: number; latest: number }[])
    : undefined;
}

/** The offered start: every start interval of the available block, as bounds. */
export function offeredStarts(offer: unknown): { earliest: number; latest: number }[] | undefined {
  const start = pick(offer, 'schedule', 'available', 'start');
  if (start === undefined) return undefined;
  const list = Array.isArray(start) ? start : [start];
  const bounds = list.map((item) => intervalBounds(item));
  return bounds.every((b) => b !== undefined)
    ? (bounds as { earliest: number; latest: number }[])
    : undefined;
}

export function offeredDuration(offer: unknown): number | undefined {
  return durationMs(pick(offer, 'schedule', 'available', 'duration'));
}

export function requestedDuration(request: unknown): number | undefined {
  return durationMs(pick(request, 'schedule', 'requested', 'duration'));
}

export function isFuture(instant: unknown, now = Date.now()): boolean {
  const at = instantMs(instant);
  return at !== undefined && at > now;
}

export { pick, durationMs, instantMs, intervalBounds };
