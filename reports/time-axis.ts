// Time axes for the report's charts. Tick steps are round durations (1 s, 15 min, 6 h...) so no
// two labels read the same, and an axis over data that comes in clumps far apart (requests a
// few seconds old next to sessions booked days ahead) is broken into segments: each clump gets
// room to be read, and the empty days between them are drawn as a break, not as blank width.

import { escapeText } from './xml-text.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const STEPS = [
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  90 * DAY,
  365 * DAY,
];

/** Most segments an axis is broken into; more clumps than this share segments. */
export const MAX_SEGMENTS = 6;
/** Width of the break drawn between two segments, in SVG units. */
export const BREAK_WIDTH = 26;
/** Roughly what one tick label needs, so labels never overlap. */
const LABEL_ROOM = 70;

export interface Segment {
  lo: number;
  hi: number;
  /** Where the segment starts and ends on the page. */
  x0: number;
  x1: number;
}

export interface TimeScale {
  segments: Segment[];
  /** Page position of an instant; instants between segments land on the nearer edge. */
  x(t: number): number;
}

/** How many multiples of `step` lie in [lo, hi]. */
function tickCount(lo: number, hi: number, step: number): number {
  return Math.max(0, Math.floor(hi / step) - Math.ceil(lo / step) + 1);
}

/**
 * The round step for [lo, hi] with at most `most` ticks, and at least one: the smallest step
 * that keeps within `most`, or, when that leaves the range without a tick, the largest step
 * that still lands inside it.
 */
export function tickStep(lo: number, hi: number, most: number): number {
  const fits = STEPS.find((step) => tickCount(lo, hi, step) <= Math.max(1, most));
  if (fits !== undefined && tickCount(lo, hi, fits) >= 1) return fits;
  const landing = STEPS.filter(
    (step) => (fits === undefined || step < fits) && tickCount(lo, hi, step) >= 1,
  );
  return landing.at(-1) ?? (STEPS[0] as number);
}

/** Tick instants: the multiples of `step` (in UTC) inside [lo, hi]. */
export function ticks(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push(t);
  return out;
}

/**
 * A label precise enough for the step (so consecutive ticks differ), with the date for steps
 * of a day or more, and on every label of an axis that spans days (so no two labels read the
 * same).
 */
export function tickLabel(t: number, step: number, withDate: boolean): string {
  const iso = new Date(t).toISOString();
  const date = iso.slice(5, 10);
  if (step >= DAY) return date;
  const clock =
    step < SECOND
      ? iso.slice(11, 23)
      : step < MINUTE || t % MINUTE !== 0
        ? iso.slice(11, 19)
        : iso.slice(11, 16);
  return withDate ? `${date} ${clock}` : clock;
}

function padded([lo, hi]: [number, number]): [number, number] {
  const pad = Math.max((hi - lo) * 0.03, 10);
  return [lo - pad, hi + pad];
}

/**
 * Clumps of the given extents: overlapping extents join, and neighbouring clumps join while the
 * gap between them is small next to what they all hold, or while there are more than MAX_SEGMENTS.
 */
export function clumps(extents: readonly [number, number][]): [number, number][] {
  const sorted = extents
    .filter(([lo, hi]) => Number.isFinite(lo) && Number.isFinite(hi))
    .map(([lo, hi]): [number, number] => [Math.min(lo, hi), Math.max(lo, hi)])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  const gap = (i: number): number => merged[i]![0] - merged[i - 1]![1];
  while (merged.length > 1) {
    let narrowest = 1;
    for (let i = 2; i < merged.length; i += 1) if (gap(i) < gap(narrowest)) narrowest = i;
    const held = merged.reduce((sum, [lo, hi]) => sum + Math.max(hi - lo, SECOND), 0);
    // A break pays once the gap alone would take more than a third of the width.
    if (merged.length <= MAX_SEGMENTS && gap(narrowest) > held / 2) break;
    merged.splice(narrowest - 1, 2, [merged[narrowest - 1]![0], merged[narrowest]![1]]);
  }
  return merged;
}

/**
 * A scale over `extents` drawn between x0 and x0 + width: one linear segment, or several with
 * breaks between them. Each segment gets half its room shared equally and half by its length,
 * so a clump of seconds stays readable beside one of hours.
 */
export function timeScale(
  extents: readonly [number, number][],
  x0: number,
  width: number,
): TimeScale | undefined {
  const parts = clumps(extents).map(padded);
  if (parts.length === 0) return undefined;
  const room = width - (parts.length - 1) * BREAK_WIDTH;
  const total = parts.reduce((sum, [lo, hi]) => sum + (hi - lo), 0);
  const segments: Segment[] = [];
  let x = x0;
  for (const [lo, hi] of parts) {
    const w = room * (0.5 / parts.length + (0.5 * (hi - lo)) / total);
    segments.push({ lo, hi, x0: x, x1: x + w });
    x += w + BREAK_WIDTH;
  }
  const last = segments.at(-1) as Segment;
  last.x1 = x0 + width; // no rounding drift at the right edge
  return {
    segments,
    x(t: number): number {
      const inside = segments.find((s) => t <= s.hi) ?? (segments.at(-1) as Segment);
      const before = segments[segments.indexOf(inside) - 1];
      // Between two segments: the nearer edge.
      if (t < inside.lo && before !== undefined && t - before.hi < inside.lo - t) return before.x1;
      const clamped = Math.min(Math.max(t, inside.lo), inside.hi);
      return (
        inside.x0 + ((clamped - inside.lo) / (inside.hi - inside.lo)) * (inside.x1 - inside.x0)
      );
    },
  };
}

export interface AxisTick {
  t: number;
  x: number;
  label: string;
}

/** Ticks of every segment, labelled so that no two read the same. */
export function axisTicks(scale: TimeScale): AxisTick[] {
  const { segments } = scale;
  const first = segments[0] as Segment;
  const last = segments.at(-1) as Segment;
  const manyDays =
    new Date(first.lo).toISOString().slice(0, 10) !== new Date(last.hi).toISOString().slice(0, 10);
  const out: AxisTick[] = [];
  for (const segment of segments) {
    const most = Math.max(1, Math.floor((segment.x1 - segment.x0) / LABEL_ROOM));
    const step = tickStep(segment.lo, segment.hi, most);
    for (const t of ticks(segment.lo, segment.hi, step))
      out.push({ t, x: scale.x(t), label: tickLabel(t, step, manyDays) });
  }
  return out;
}

export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The fill of an axis break: neutral, unlike anything a chart draws as data. */
export const BREAK_FILL = '#e9edf2';

/** Grid lines and labels of a time axis, and a shaded break wherever the axis skips time. */
export function axisSvg(
  scale: TimeScale,
  y: number,
  height: number,
  options: { labelsAtTop?: boolean } = {},
): string {
  const parts: string[] = [];
  const { segments } = scale;
  segments.slice(1).forEach((segment, i) => {
    const before = segments[i]!;
    const skipped = `nothing between ${new Date(before.hi).toISOString()} and ${new Date(segment.lo).toISOString()}: the axis skips ${spell(segment.lo - before.hi)}`;
    const mid = (before.x1 + segment.x0) / 2;
    parts.push(
      `<rect x="${fmt(before.x1 + 3)}" y="${y}" width="${fmt(segment.x0 - before.x1 - 6)}" height="${height}" fill="${BREAK_FILL}" class="break"><title>${escapeText(skipped)}</title></rect>`,
      `<path d="M${fmt(mid - 7)} ${y + height + 4}l4 -8M${fmt(mid + 3)} ${y + height + 4}l4 -8" class="break-mark"/>`,
    );
  });
  for (const segment of segments) {
    parts.push(
      `<line x1="${fmt(segment.x0)}" y1="${y + height}" x2="${fmt(segment.x1)}" y2="${y + height}" class="baseline"/>`,
    );
  }
  let taken = Number.NEGATIVE_INFINITY;
  for (const tick of axisTicks(scale)) {
    const segment = segments.find((s) => tick.t >= s.lo && tick.t <= s.hi)!;
    // No text metrics without a browser: 11px labels are budgeted at 6.4 units a character.
    const half = (tick.label.length * 6.4) / 2;
    const anchor =
      tick.x - half < segment.x0 ? 'start' : tick.x + half > segment.x1 ? 'end' : 'middle';
    const left = anchor === 'start' ? tick.x : anchor === 'end' ? tick.x - 2 * half : tick.x - half;
    parts.push(
      `<line x1="${fmt(tick.x)}" y1="${y}" x2="${fmt(tick.x)}" y2="${y + height}" class="grid"/>`,
    );
    // A label that would run into the one before it is left out; its grid line stays.
    if (left < taken + 6) continue;
    taken = left + 2 * half;
    const label = `text-anchor="${anchor}" class="tick">${escapeText(tick.label)}</text>`;
    parts.push(`<text x="${fmt(tick.x)}" y="${y + height + 14}" ${label}`);
    // A tall chart repeats its labels on top, where a reader starts.
    if (options.labelsAtTop === true) parts.push(`<text x="${fmt(tick.x)}" y="${y - 6}" ${label}`);
  }
  return parts.join('');
}

/** "5 d 23 h", "3 h 10 min", "42 s": how much time a break leaves out (two units at most). */
export function spell(ms: number): string {
  const units: [number, string][] = [
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'min'],
    [SECOND, 's'],
  ];
  const first = units.findIndex(([size]) => ms >= size);
  if (first < 0) return `${Math.max(0, Math.round(ms))} ms`;
  const [size, name] = units[first]!;
  const whole = Math.floor(ms / size);
  const next = units[first + 1];
  const rest = next === undefined ? 0 : Math.floor((ms - whole * size) / next[0]);
  return rest > 0 && next !== undefined
    ? `${whole} ${name} ${rest} ${next[1]}`
    : `${whole} ${name}`;
}
