import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  axisTicks,
  clumps,
  MAX_SEGMENTS,
  spell,
  tickLabel,
  tickStep,
  ticks,
  timeScale,
} from '../../reports/time-axis.ts';

const T = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('tick steps and labels', () => {
  it('picks round steps that fit the room and always leave at least one tick', () => {
    const lo = T('2026-11-29T18:25:53.380Z');
    expect(tickStep(lo, lo + 46, 8)).toBe(10);
    expect(tickStep(lo, lo + 10 * 60_000, 6)).toBe(2 * 60_000);
    expect(tickStep(T('2026-11-29T00:00:00Z'), T('2026-12-09T00:00:00Z'), 6)).toBe(2 * DAY);
    // One tick's room on a span with no round minute inside: a finer step still lands.
    const odd = T('2026-11-29T18:25:10Z');
    expect(ticks(odd, odd + 20_000, tickStep(odd, odd + 20_000, 1))).toHaveLength(1);
  });

  it('labels with as much precision as the step needs, and the date when asked', () => {
    const t = T('2026-11-29T18:25:53.390Z');
    expect(tickLabel(t, 5, false)).toBe('18:25:53.390');
    expect(tickLabel(T('2026-11-29T18:25:53Z'), 1000, false)).toBe('18:25:53');
    expect(tickLabel(T('2026-11-29T18:30:00Z'), 5 * 60_000, false)).toBe('18:30');
    expect(tickLabel(T('2026-11-29T18:30:00Z'), 5 * 60_000, true)).toBe('11-29 18:30');
    expect(tickLabel(T('2026-12-01T00:00:00Z'), DAY, false)).toBe('12-01');
  });

  it('never repeats a label on an axis, whatever the span (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: T('2020-01-01T00:00:00Z'), max: T('2030-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 40 * DAY }),
        fc.integer({ min: 60, max: 1200 }),
        (lo, span, width) => {
          const scale = timeScale([[lo, lo + span]], 0, width)!;
          const labels = axisTicks(scale).map((tick) => tick.label);
          expect(labels.length).toBeGreaterThan(0);
          expect(new Set(labels).size).toBe(labels.length);
        },
      ),
    );
  });

  it('spells skipped time in at most two units', () => {
    expect(spell(5 * DAY + 23 * HOUR + 59 * 60_000)).toBe('5 d 23 h');
    expect(spell(3 * HOUR + 10 * 60_000)).toBe('3 h 10 min');
    expect(spell(42_000)).toBe('42 s');
    expect(spell(2 * DAY)).toBe('2 d');
    expect(spell(300)).toBe('300 ms');
  });
});

describe('broken axes', () => {
  // What a default run shows: sessions within the run, and a few booked days ahead.
  const run: [number, number][] = [
    [T('2026-11-29T18:27:53Z'), T('2026-11-29T18:37:53Z')],
    [T('2026-11-29T18:36:00Z'), T('2026-11-29T20:36:00Z')],
    [T('2026-11-30T09:13:00Z'), T('2026-11-30T11:45:00Z')],
    [T('2026-12-05T19:00:00Z'), T('2026-12-05T20:30:00Z')],
    [T('2026-12-06T19:00:00Z'), T('2026-12-06T19:10:00Z')],
    [T('2026-12-07T19:00:00Z'), T('2026-12-07T19:10:00Z')],
    [T('2026-12-08T19:00:00Z'), T('2026-12-08T19:10:00Z')],
  ];

  it('skips the empty days between clumps of data', () => {
    const parts = clumps(run);
    expect(parts).toHaveLength(6);
    expect(parts[0]).toEqual([T('2026-11-29T18:27:53Z'), T('2026-11-29T20:36:00Z')]);
    const scale = timeScale(run, 170, 790)!;
    expect(scale.segments).toHaveLength(6);
    // Ten minutes inside the run get real width, not the 0.5 units of a linear 10-day axis.
    expect(scale.x(run[0]![1]) - scale.x(run[0]![0])).toBeGreaterThan(10);
    const labels = axisTicks(scale).map((tick) => tick.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.some((label) => label.startsWith('12-08'))).toBe(true);
  });

  it('keeps one segment when the data is continuous or the gaps are small', () => {
    expect(clumps([[0, 10 * HOUR]])).toHaveLength(1);
    expect(
      clumps([
        [0, HOUR],
        [2 * HOUR, 3 * HOUR],
      ]),
    ).toHaveLength(1);
    expect(clumps([])).toEqual([]);
    expect(timeScale([], 0, 100)).toBeUndefined();
  });

  it('maps every instant left to right, inside the plot, with at most MAX_SEGMENTS (property)', () => {
    const extent = fc
      .tuple(fc.integer({ min: 0, max: 60 * DAY }), fc.integer({ min: 0, max: 3 * DAY }))
      .map(([lo, length]): [number, number] => [lo, lo + length]);
    fc.assert(
      fc.property(
        fc.array(extent, { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: -DAY, max: 65 * DAY }), { minLength: 2, maxLength: 20 }),
        (extents, instants) => {
          const scale = timeScale(extents, 100, 800)!;
          expect(scale.segments.length).toBeLessThanOrEqual(MAX_SEGMENTS);
          const sorted = [...instants].sort((a, b) => a - b);
          const xs = sorted.map((t) => scale.x(t));
          for (let i = 1; i < xs.length; i += 1) expect(xs[i]!).toBeGreaterThanOrEqual(xs[i - 1]!);
          for (const x of xs) {
            expect(x).toBeGreaterThanOrEqual(100);
            expect(x).toBeLessThanOrEqual(900 + 1e-6);
          }
          for (const [lo, hi] of extents) {
            const segment = scale.segments.find((s) => s.lo <= lo && hi <= s.hi);
            expect(segment, 'each extent lies inside one segment').toBeDefined();
          }
        },
      ),
    );
  });
});
