import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHistory, HISTORY_RULE_NAMES as RULE_NAMES } from '../../suites/judge/history.ts';
import { EVENT_TYPES, OPS, parseHistory, type HistoryEvent } from '../../suites/history/events.ts';
import { offersetFacts, sessionFacts } from '../../suites/history/facts.ts';
import { canFollow } from '../../suites/history/phases.ts';
import { certainSlot, durationMs, intervalBounds } from '../../suites/history/time.ts';

describe('ISO 8601 readers', () => {
  it('read durations, and refuse what is not one', () => {
    expect(durationMs('PT1H30M')).toBe(5_400_000);
    expect(durationMs('P1DT0.5S')).toBe(86_400_500);
    expect(durationMs('PT')).toBeUndefined();
    expect(durationMs('P')).toBeUndefined();
    expect(durationMs('1H')).toBeUndefined();
    expect(durationMs(42)).toBeUndefined();
  });

  it('read the three interval forms and refuse reversed ones', () => {
    const start = Date.parse('2030-01-01T00:00:00Z');
    expect(intervalBounds('2030-01-01T00:00:00Z/2030-01-01T01:00:00Z')).toEqual({
      earliest: start,
      latest: start + 3_600_000,
    });
    expect(intervalBounds('2030-01-01T00:00:00Z/PT1H')).toEqual({
      earliest: start,
      latest: start + 3_600_000,
    });
    expect(intervalBounds('PT1H/2030-01-01T01:00:00Z')).toEqual({
      earliest: start,
      latest: start + 3_600_000,
    });
    expect(intervalBounds('2030-01-01T01:00:00Z/2030-01-01T00:00:00Z')).toBeUndefined();
    expect(intervalBounds('soon/later')).toBeUndefined();
  });

  it('take the certain part of a flexible slot: latest start to earliest end', () => {
    const session = {
      schedule: {
        available: { start: '2030-01-01T00:00:00Z/2030-01-01T00:10:00Z', duration: 'PT30M' },
      },
    };
    expect(certainSlot(session)).toEqual({
      start: Date.parse('2030-01-01T00:10:00Z'),
      end: Date.parse('2030-01-01T00:30:00Z'),
    });
    // A start window wider than the duration leaves no instant the session is sure to use.
    session.schedule.available.duration = 'PT5M';
    expect(certainSlot(session)).toBeUndefined();
  });
});

describe('session facts', () => {
  it('read phase, promised resources, options and slot from a session document', () => {
    const facts = sessionFacts(
      {
        meta: {
          uuid: 'u1',
          options: [
            { kind: 'uri:enum-value-option', path: 'phase', values: ['ACCEPTED', 'REJECTED'] },
          ],
        },
        phase: 'OFFERED',
        expires: '2030-01-01T00:05:00Z',
        compute: { cores: { min: 2, max: 4 }, memory: { max: 8 } },
        storage: [{ size: { min: 10 } }, { size: { min: 'lots' } }],
        schedule: { available: { start: '2030-01-01T00:10:00Z', duration: 'PT1H' } },
      },
      'set-1',
    );
    expect(facts).toEqual({
      session: 'u1',
      offerset: 'set-1',
      phase: 'OFFERED',
      expires: '2030-01-01T00:05:00Z',
      cores: 2,
      memory: 8,
      storage: 10,
      slot: { start: '2030-01-01T00:10:00.000Z', end: '2030-01-01T01:10:00.000Z' },
      options: { phase: ['ACCEPTED', 'REJECTED'] },
    });
  });

  it('never throw on hostile documents', () => {
    fc.assert(
      fc.property(fc.anything(), (doc) => {
        sessionFacts(doc);
        const { offers } = offersetFacts(doc);
        expect(Array.isArray(offers)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkHistory on hostile histories', () => {
  const phase = fc.constantFrom('OFFERED', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'RUNNING', 'BOGUS');
  const value = fc.oneof(
    fc.anything(),
    fc.record({ session: fc.constantFrom('a', 'b'), phase, offerset: fc.constant('s') }),
    fc.record({
      offerset: fc.constant('s'),
      offers: fc.array(fc.record({ session: fc.constantFrom('a', 'b'), phase, cores: fc.nat(9) })),
    }),
  );
  const event: fc.Arbitrary<HistoryEvent> = fc.record({
    process: fc.oneof(fc.constantFrom('p1', 'p2'), fc.nat(2)),
    type: fc.constantFrom(...EVENT_TYPES),
    op: fc.constantFrom(...OPS),
    value,
    time: fc.integer({ min: 0, max: 1e13 }),
  });

  it('never throw, and every violation names a known rule', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const report = checkHistory(events, { capacity: { cores: 4 } });
        for (const found of report.violations) expect(RULE_NAMES).toContain(found.rule);
      }),
      { numRuns: 300 },
    );
  });

  it('parse back whatever lines a hostile file holds without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const { events, problems } = parseHistory(text);
        expect(events.length + problems.length).toBeLessThanOrEqual(text.split('\n').length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the observer lifecycle', () => {
  it('lets phases move only forward, and terminal phases nowhere', () => {
    expect(canFollow('OFFERED', 'RUNNING')).toBe(true);
    expect(canFollow('ACCEPTED', 'COMPLETED')).toBe(true);
    expect(canFollow('RUNNING', 'WAITING')).toBe(false);
    expect(canFollow('ACCEPTED', 'REJECTED')).toBe(false);
    expect(canFollow('REJECTED', 'ACCEPTED')).toBe(false);
    expect(canFollow('REJECTED', 'REJECTED')).toBe(true);
    expect(canFollow('OFFERED', 'READY')).toBe(false);
  });
});
