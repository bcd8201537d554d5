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
