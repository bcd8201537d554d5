import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../contract/result.ts';
import {
  MAX_TIMELINE_ROWS,
  capacitySvg,
  phaseHistorySvg,
  phasesNeedOwnChart,
  pickTimelineRows,
  timelineSvg,
} from '../../reports/charts.ts';
import { fixture } from './fixtures.ts';

function entry(name: string, phases: string[]): TimelineEntry {
  return {
    sessionUuid: name,
    requestedWindows: [],
    phases: phases.map((phase, i) => ({ phase, at: `2026-11-23T19:00:0${i}Z` })),
  };
}

describe('timeline chart', () => {
  it('draws one row per session with its slot, phases and legend', () => {
    const svg = timelineSvg(fixture('failing-run').timeline) ?? '';
    expect(svg.match(/class="row-label"/g)).toHaveLength(5);
    expect(svg.match(/class="slot"/g)).toHaveLength(5);
    expect(svg.match(/class="window"/g)).toHaveLength(5);
    expect(svg).toContain('CANCELLED from 2026-11-23T19:10:40.000Z');
  });

  it('keeps the sessions with the longest histories when there are too many, in their order', () => {
    const many = Array.from({ length: MAX_TIMELINE_ROWS + 5 }, (_, i) =>
      entry(`s${i}`, ['OFFERED', 'REJECTED']),
    );
    many[3] = entry('accepted', ['OFFERED', 'ACCEPTED', 'RUNNING', 'COMPLETED']);
    many[64] = entry('cancelled', ['OFFERED', 'ACCEPTED', 'CANCELLED']);
    const rows = pickTimelineRows(many);
    expect(rows).toHaveLength(MAX_TIMELINE_ROWS);
    expect(rows.map((row) => row.sessionUuid)).toContain('accepted');
    expect(rows.map((row) => row.sessionUuid)).toContain('cancelled');
    expect(rows.indexOf(many[3]!)).toBeLessThan(rows.indexOf(many[64]!));
  });

  it('gives phases of a few seconds their own chart when the slots lie days ahead', () => {
    const far: TimelineEntry = {
      ...entry('far', ['OFFERED', 'ACCEPTED', 'RUNNING']),
      slot: { start: '2026-11-25T00:00:00Z', end: '2026-11-25T02:00:00Z' },
      requestedWindows: [{ start: '2026-11-24T00:00:00Z', end: '2026-11-25T06:00:00Z' }],
    };
    expect(phasesNeedOwnChart([far])).toBe(true);
    const schedule = timelineSvg([far], '2026-11-23T19:00:09Z') ?? '';
    expect(schedule).toContain('class="slot"');
    expect(schedule).not.toContain('class="phase"');
    const phases = phaseHistorySvg([far], '2026-11-23T19:00:09Z') ?? '';
    expect(phases.match(/class="phase"/g)).toHaveLength(3);
    expect(phases).toContain('RUNNING from 2026-11-23T19:00:02Z');
    // Seen on one axis with the schedule, phases that take hours stay in the timeline itself.
    const near = { ...far, slot: { start: '2026-11-23T19:00:00Z', end: '2026-11-23T19:00:05Z' } };
    const close = { ...near, requestedWindows: [] };
    expect(phasesNeedOwnChart([close])).toBe(false);
    expect(timelineSvg([close])).toContain('class="phase"');
  });

  it('draws nothing when no instant can be read', () => {
    expect(timelineSvg([])).toBeUndefined();
    expect(
      timelineSvg([
        { sessionUuid: 'x', requestedWindows: [{ start: 'soon', end: 'later' }], phases: [] },
      ]),
    ).toBeUndefined();
  });
});

describe('capacity chart', () => {
  it('shades the area above the platform total when use went beyond it', () => {
    const capacity = fixture('failing-run').capacity!;
    expect(capacitySvg(capacity)).toContain('class="over"');
    const modest = {
      ...capacity,
      samples: capacity.samples.map((s) => ({ ...s, cores: 1, memory: 1, storage: 1 })),
    };
    expect(capacitySvg(modest)).not.toContain('class="over"');
  });

  it('leaves out resources with no total and gives up when none has one', () => {
    const capacity = fixture('failing-run').capacity!;
    const noStorage =
      capacitySvg({ ...capacity, totals: { ...capacity.totals, storage: 0 } }) ?? '';
    expect(noStorage).not.toContain('storage (total');
    expect(noStorage).toContain('cores (total 16)');
    expect(
      capacitySvg({ ...capacity, totals: { cores: 0, memory: 0, storage: 0 } }),
    ).toBeUndefined();
    expect(capacitySvg({ ...capacity, samples: [] })).toBeUndefined();
  });
});

/** Every text of a class in an SVG string, in order. */
function texts(svg: string, cls: string): { y: number; text: string }[] {
  return [
    ...svg.matchAll(
      new RegExp(`<text [^>]*y="([\\d.-]+)"[^>]*class="${cls}"[^>]*>([^<]*)</text>`, 'g'),
    ),
  ].map((m) => ({ y: Number(m[1]), text: m[2] ?? '' }));
}

describe('readable axes', () => {
  const booked = (name: string, start: string, end: string): TimelineEntry => ({
    sessionUuid: name,
    requestedWindows: [{ start, end }],
    slot: { start, end },
    phases: [{ phase: 'OFFERED', at: '2026-11-29T18:26:00Z' }],
  });

  it('breaks the timeline axis over empty days instead of spanning them', () => {
    const rows = [
      booked('now-1', '2026-11-29T18:30:00Z', '2026-11-29T18:40:00Z'),
      booked('now-2', '2026-11-29T18:40:00Z', '2026-11-29T19:10:00Z'),
      booked('later', '2026-12-08T19:00:00Z', '2026-12-08T19:10:00Z'),
    ];
    const svg = timelineSvg(rows, '2026-11-29T18:26:10Z') ?? '';
    expect(svg.match(/class="break"/g)).toHaveLength(1);
    expect(svg).toContain('the axis skips 8 d 23 h');
    expect(svg).toContain('time skipped (nothing happened)');
    const widths = [
      ...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="8" class="slot"/g),
    ].map((m) => Number(m[1]));
    // A ten-minute slot is a bar, not a hairline (a linear 10-day axis gives it under 1 unit).
    expect(Math.min(...widths)).toBeGreaterThan(10);
    const labels = texts(svg, 'tick').map((t) => t.text);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('labels a capacity chart of a few milliseconds with distinct times', () => {
    const capacity = {
      totals: { cores: 64, memory: 256, storage: 2048 },
      samples: ['53.390', '53.392', '53.393', '53.407', '53.413'].map((s, i) => ({
        at: `2026-11-29T18:25:${s}Z`,
        cores: 22 * (1 + Math.min(i, 1)),
        memory: 1,
        storage: 0,
      })),
    };
    const svg = capacitySvg(capacity) ?? '';
    const labels = texts(svg, 'tick')
      .map((t) => t.text)
      .filter((text) => !text.endsWith('%'));
    expect(labels.length).toBeGreaterThan(2);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.every((label) => /^18:25:53\.\d{3}$/.test(label))).toBe(true);
  });

  it('keeps the "platform total" label inside the picture', () => {
    const svg = capacitySvg(fixture('passing-run').capacity!) ?? '';
    const [label] = texts(svg, 'tick limit-label');
    expect(label?.text).toBe('platform total');
    // 11px text sits above its baseline: a baseline under 11 would cut its top off.
    expect(label!.y).toBeGreaterThanOrEqual(12);
  });

  it('shows a session that reached COMPLETED among many rejected offers', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({
      ...entry(`s${i}`, ['OFFERED', 'REJECTED']),
      slot: { start: '2026-11-30T00:00:00Z', end: '2026-11-30T01:00:00Z' },
    }));
    many[150] = {
      ...entry('done', ['OFFERED', 'ACCEPTED', 'WAITING', 'RUNNING', 'COMPLETED']),
      slot: { start: '2026-11-30T00:00:00Z', end: '2026-11-30T01:00:00Z' },
    };
    const svg = phaseHistorySvg(many, '2026-11-23T19:00:09Z') ?? '';
    expect(svg).toContain('COMPLETED from 2026-11-23T19:00:04Z');
    expect(svg).toMatch(/class="legend">COMPLETED</);
  });
});
