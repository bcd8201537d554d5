// Inline SVG pictures for report.html: the timeline of requested windows, offered slots and
// phases, and capacity use over time. Plain SVG with <title> tooltips, so they need no script,
// no fonts from elsewhere and print as they look.

import type { CapacitySample, RunResult, TimelineEntry } from '../contract/result.ts';
import { axisSvg, BREAK_FILL, fmt, timeScale, type TimeScale } from './time-axis.ts';
import { escapeAttr, escapeText } from './xml-text.ts';

export const PHASE_COLOURS: Record<string, string> = {
  INITIAL: '#cbd5e1',
  OFFERED: '#f59e0b',
  ACCEPTED: '#3b82f6',
  REJECTED: '#94a3b8',
  EXPIRED: '#d6d3d1',
  WAITING: '#a78bfa',
  PREPARING: '#22d3ee',
  AVAILABLE: '#4ade80',
  RUNNING: '#16a34a',
  RELEASING: '#2dd4bf',
  COMPLETED: '#475569',
  FAILED: '#dc2626',
  CANCELLED: '#92400e',
};
const UNKNOWN_PHASE = '#e879f9';

/** Rows beyond this are summarised in a caption: a chart of a thousand rows helps nobody. */
export const MAX_TIMELINE_ROWS = 60;

const WIDTH = 980;
const LABEL = 170;
const RIGHT = 20;
const PLOT = WIDTH - LABEL - RIGHT;

function ms(iso: string): number | undefined {
  const value = Date.parse(iso);
  return Number.isFinite(value) ? value : undefined;
}

function domain(instants: (number | undefined)[]): [number, number] | undefined {
  const known = instants.filter((t): t is number => t !== undefined);
  if (known.length === 0) return undefined;
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const pad = Math.max((hi - lo) * 0.02, 500);
  return [lo - pad, hi + pad];
}

function shortId(uuid: string): string {
  return uuid.length > 18 ? `${uuid.slice(0, 8)}…${uuid.slice(-4)}` : uuid;
}

function legendItems(
  items: { colour: string; label: string; style?: string }[],
  y: number,
): string {
  let x = LABEL;
  return items
    .map(({ colour, label, style }) => {
      const swatch = `<rect x="${x}" y="${y - 9}" width="14" height="10" fill="${colour}" ${style ?? ''}/>`;
      const text = `<text x="${x + 18}" y="${y}" class="legend">${escapeText(label)}</text>`;
      // No text metrics without a browser: budget for wide capitals.
      x += 30 + label.length * 7.4;
      return swatch + text;
    })
    .join('');
}

/**
 * The rows worth drawing when there are too many: those with the longest phase histories (an
 * accepted session says more than the hundredth rejected offer), kept in their original order.
 */
export function pickTimelineRows(
  entries: readonly TimelineEntry[],
  limit = MAX_TIMELINE_ROWS,
): TimelineEntry[] {
  if (entries.length <= limit) return [...entries];
  const keep = new Set(
    entries
      .map((entry, index) => ({
        index,
        weight: entry.phases.length + (entry.slot === undefined ? 0 : 0.5),
      }))
      .sort((a, b) => b.weight - a.weight || a.index - b.index)
      .slice(0, limit)
      .map(({ index }) => index),
  );
  return entries.filter((_, index) => keep.has(index));
}

function scheduleInstants(rows: readonly TimelineEntry[]): (number | undefined)[] {
  return rows.flatMap((e) => [
    ...e.requestedWindows.flatMap((w) => [ms(w.start), ms(w.end)]),
    ms(e.slot?.start ?? ''),
    ms(e.slot?.end ?? ''),
  ]);
}

function phaseInstants(rows: readonly TimelineEntry[]): (number | undefined)[] {
  return rows.flatMap((e) => e.phases.map((p) => ms(p.at)));
}

/** Below this share of the schedule's width, phase bands shrink to dots nobody can read. */
const READABLE_SHARE = 0.05;

/**
 * True when the phases happened over so short a time, next to the schedule's hours or days,
 * that they need a chart of their own (phaseHistorySvg) to be seen at all.
 */
export function phasesNeedOwnChart(entries: readonly TimelineEntry[]): boolean {
  const rows = pickTimelineRows(entries);
  const schedule = domain(scheduleInstants(rows));
  const phases = domain(phaseInstants(rows));
  if (schedule === undefined || phases === undefined) return false;
  const whole = domain([...schedule, ...phases]) as [number, number];
  return phases[1] - phases[0] < READABLE_SHARE * (whole[1] - whole[0]);
}

function rowLabel(entry: TimelineEntry, y: number): string {
  return `<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end" class="row-label"><title>${escapeText(`session ${entry.sessionUuid}${entry.offersetUuid === undefined ? '' : `\nofferset ${entry.offersetUuid}`}`)}</title>${escapeText(shortId(entry.sessionUuid))}</text>`;
}

/**
 * One session's phase band: each phase from when it was seen to the next, the last one up to
 * `until` but never across a break of the axis (what it did in skipped time nobody drew).
 */
function phaseBand(
  entry: TimelineEntry,
  scale: TimeScale,
  y: number,
  height: number,
  until: number,
): string[] {
  const phases = entry.phases
    .map((p) => ({ ...p, t: ms(p.at) }))
    .filter((p): p is { phase: string; at: string; t: number } => p.t !== undefined)
    .sort((p, q) => p.t - q.t);
  return phases.flatMap((p, j) => {
    const segmentEnd = scale.segments.find((s) => p.t <= s.hi)?.hi ?? p.t;
    const end = phases[j + 1]?.t ?? Math.max(Math.min(until, segmentEnd), p.t);
    const colour = PHASE_COLOURS[p.phase] ?? UNKNOWN_PHASE;
    const x0 = scale.x(p.t);
    return [
      `<rect x="${fmt(x0)}" y="${y}" width="${fmt(Math.max(2, scale.x(end) - x0))}" height="${height}" fill="${colour}" class="phase"><title>${escapeText(`${p.phase} from ${p.at}`)}</title></rect>`,
      `<circle cx="${fmt(x0)}" cy="${y + height / 2}" r="2.5" fill="${colour}" class="mark"/>`,
    ];
  });
}

/** Space above the first row of a chart, for labels (time ticks, "platform total"). */
const TOP = 24;
/** Plots taller than this repeat their time labels on top. */
const TALL = 400;

/** Each row's span of time: what the row chart's axis must show of it. */
function rowExtents(
  rows: readonly TimelineEntry[],
  instants: (row: TimelineEntry) => (number | undefined)[],
): [number, number][] {
  return rows.flatMap((row) => {
    const known = instants(row).filter((t): t is number => t !== undefined);
    return known.length === 0 ? [] : [[Math.min(...known), Math.max(...known)] as [number, number]];
  });
}

function phaseLegend(rows: readonly TimelineEntry[], y: number): string {
  const seen = [...new Set(rows.flatMap((e) => e.phases.map((p) => p.phase)))];
  return legendItems(
    seen.map((phase) => ({ colour: PHASE_COLOURS[phase] ?? UNKNOWN_PHASE, label: phase })),
    y,
  );
}

/**
 * Requested start windows (hatched), the offered slot (solid) and the phase band per session.
 * A session's last phase is drawn up to `observedUntil` (the end of the run): what it did
 * after that nobody saw. When the phases are too short to see on the schedule's axis they are
 * left to phaseHistorySvg and this chart shows the schedule alone. The axis covers the rows
 * and skips the empty days between clumps of them.
 */
export function timelineSvg(
  entries: readonly TimelineEntry[],
  observedUntil?: string,
): string | undefined {
  const rows = pickTimelineRows(entries);
  const withPhases = !phasesNeedOwnChart(entries);
  const scale = timeScale(
    rowExtents(rows, (row) => [
      ...scheduleInstants([row]),
      ...(withPhases ? phaseInstants([row]) : []),
    ]),
    LABEL,
    PLOT,
  );
  if (scale === undefined) return undefined;
  const ROW = 24;
  const plotHeight = rows.length * ROW;
  const parts = [axisSvg(scale, TOP, plotHeight, { labelsAtTop: plotHeight > TALL })];
  const until = ms(observedUntil ?? '') ?? Number.POSITIVE_INFINITY;

  rows.forEach((entry, i) => {
    const y = TOP + i * ROW;
    parts.push(rowLabel(entry, y));
    for (const window of entry.requestedWindows) {
      const a = ms(window.start);
      const b = ms(window.end);
      if (a === undefined || b === undefined) continue;
      parts.push(
        `<rect x="${fmt(scale.x(a))}" y="${y + 2}" width="${fmt(Math.max(2, scale.x(b) - scale.x(a)))}" height="14" class="window"><title>${escapeText(`requested start window ${window.start} – ${window.end}`)}</title></rect>`,
      );
    }
    const a = ms(entry.slot?.start ?? '');
    const b = ms(entry.slot?.end ?? '');
    if (a !== undefined && b !== undefined) {
      parts.push(
        `<rect x="${fmt(scale.x(a))}" y="${y + 5}" width="${fmt(Math.max(2, scale.x(b) - scale.x(a)))}" height="8" class="slot"><title>${escapeText(`offered slot ${entry.slot?.start} – ${entry.slot?.end}`)}</title></rect>`,
      );
    }
    if (withPhases) parts.push(...phaseBand(entry, scale, y + 18, 4, until));
  });

  const legendY = TOP + plotHeight + 36;
  parts.push(
    legendItems(
      [
        {
          colour: 'url(#hatch)',
          label: 'requested start window',
          style: 'stroke="#2563eb" stroke-dasharray="2 2"',
        },
        { colour: '#1e3a8a', label: 'offered slot' },
        ...(scale.segments.length > 1
          ? [{ colour: BREAK_FILL, label: 'time skipped (nothing happened)' }]
          : []),
      ],
      legendY,
    ),
    withPhases ? phaseLegend(rows, legendY + 18) : '',
  );
  const height = legendY + (withPhases ? 28 : 12);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="timeline-chart" role="img" aria-label="${escapeAttr(`Timeline of ${rows.length} sessions`)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">${DEFS}${parts.join('')}</svg>`;
}

/** The requested windows' hatching. */
const DEFS = `<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#dbeafe"/><line x1="0" y1="0" x2="0" y2="6" stroke="#93c5fd" stroke-width="3"/></pattern></defs>`;

const SERIES = [
  { key: 'cores', colour: '#2563eb', label: 'cores' },
  { key: 'memory', colour: '#16a34a', label: 'memory' },
  { key: 'storage', colour: '#9333ea', label: 'storage' },
] as const;

/** Held capacity as a share of the platform total, per resource, as step lines. */
export function capacitySvg(capacity: NonNullable<RunResult['capacity']>): string | undefined {
  const samples = capacity.samples
    .map((s) => ({ ...s, t: ms(s.at) }))
    .filter((s): s is CapacitySample & { t: number } => s.t !== undefined)
    .sort((a, b) => a.t - b.t);
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const series = SERIES.filter(({ key }) => capacity.totals[key] > 0);
  if (series.length === 0) return undefined;
  // One segment: a gap in capacity samples is time the holdings stood still, worth seeing.
  const scale = timeScale([[first.t, last.t]], LABEL, PLOT)!;
  const hi = scale.segments[0]!.hi;
  const share = (s: CapacitySample, key: (typeof SERIES)[number]['key']) =>
    (100 * s[key]) / capacity.totals[key];
  const peak = Math.max(100, ...samples.flatMap((s) => series.map(({ key }) => share(s, key))));
  const top = Math.ceil(peak / 25) * 25;
  const H = 220;
  const y = (pct: number) => TOP + H - (pct / top) * H;
  const parts: string[] = [axisSvg(scale, TOP, H)];
  for (let pct = 0; pct <= top; pct += 25) {
    parts.push(
      `<line x1="${LABEL}" y1="${fmt(y(pct))}" x2="${LABEL + PLOT}" y2="${fmt(y(pct))}" class="grid"/>`,
      `<text x="${LABEL - 8}" y="${fmt(y(pct) + 4)}" text-anchor="end" class="tick">${pct}%</text>`,
    );
  }
  if (top > 100) {
    parts.push(
      `<rect x="${LABEL}" y="${fmt(y(top))}" width="${PLOT}" height="${fmt(y(100) - y(top))}" class="over"><title>above the platform total</title></rect>`,
    );
  }
  parts.push(
    `<line x1="${LABEL}" y1="${fmt(y(100))}" x2="${LABEL + PLOT}" y2="${fmt(y(100))}" class="limit"/>`,
    `<text x="${LABEL + PLOT - 4}" y="${fmt(y(100) - 5)}" text-anchor="end" class="tick limit-label">platform total</text>`,
  );
  for (const { key, colour, label } of series) {
    let d = '';
    samples.forEach((s, i) => {
      const px = fmt(scale.x(s.t));
      const py = fmt(y(share(s, key)));
      d += i === 0 ? `M${px} ${py}` : `H${px}V${py}`;
    });
    d += `H${fmt(scale.x(hi))}`;
    const max = Math.max(...samples.map((s) => s[key]));
    parts.push(
      `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"><title>${escapeText(`${label}: peak ${fmt(max)} of ${fmt(capacity.totals[key])}`)}</title></path>`,
    );
  }
  parts.push(
    legendItems(
      series.map(({ key, colour, label }) => ({
        colour,
        label: `${label} (total ${fmt(capacity.totals[key])})`,
      })),
      TOP + H + 36,
    ),
  );
  const height = TOP + H + 46;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="capacity-chart" role="img" aria-label="Capacity held over time" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">${parts.join('')}</svg>`;
}

/**
 * The phases of each session against the run's own clock, for when they passed in seconds
 * while the slots they were offered lie hours or days ahead (see phasesNeedOwnChart).
 */
export function phaseHistorySvg(
  entries: readonly TimelineEntry[],
  observedUntil?: string,
): string | undefined {
  const rows = pickTimelineRows(entries).filter((entry) => entry.phases.length > 0);
  const until = ms(observedUntil ?? '');
  const scale = timeScale(
    rowExtents(rows, (row) => [...phaseInstants([row]), until]),
    LABEL,
    PLOT,
  );
  if (scale === undefined) return undefined;
  const ROW = 18;
  const plotHeight = rows.length * ROW;
  const parts = [axisSvg(scale, TOP, plotHeight, { labelsAtTop: plotHeight > TALL })];
  rows.forEach((entry, i) => {
    const y = TOP + i * ROW;
    parts.push(
      rowLabel(entry, y - 3),
      ...phaseBand(entry, scale, y + 3, 10, until ?? Number.POSITIVE_INFINITY),
    );
  });
  const legendY = TOP + plotHeight + 36;
  parts.push(phaseLegend(rows, legendY));
  const height = legendY + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="phase-chart" role="img" aria-label="${escapeAttr(`Phases of ${rows.length} sessions over the run`)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">${parts.join('')}</svg>`;
}
