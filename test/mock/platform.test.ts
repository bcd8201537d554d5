import { describe, expect, it } from 'vitest';
import { parseDuration, parseInterval, formatDuration } from '../../mock/domain/iso.ts';
import {
  defaultPlatform,
  parsePlatformConfig,
  PlatformConfigError,
} from '../../mock/domain/platform.ts';
import { scaledClock, virtualClock } from '../../mock/domain/clock.ts';

describe('platform config', () => {
  it('has a sound embedded default', () => {
    const platform = defaultPlatform();
    expect(platform.offerLifetime).toBe(5 * 60_000);
    expect(platform.maxOffers).toBe(4);
    expect(platform.totals.cores).toBeGreaterThan(0);
  });

  it('lays a partial YAML config over the default', () => {
    const platform = parsePlatformConfig('totals:\n  cores: 8\nofferLifetime: PT30S\n');
    expect(platform.totals).toMatchObject({ cores: 8, memory: defaultPlatform().totals.memory });
    expect(platform.offerLifetime).toBe(30_000);
  });

  it('refuses bad configs with a message naming the field', () => {
    expect(() => parsePlatformConfig('totals: {cores: -1}')).toThrow(/totals\.cores/);
    expect(() => parsePlatformConfig('offerLifetime: soon')).toThrow(/offerLifetime/);
    expect(() => parsePlatformConfig('maxOffers: 2.5')).toThrow(PlatformConfigError);
    expect(() => parsePlatformConfig('[1, 2')).toThrow(/not valid YAML/);
    expect(() => parsePlatformConfig('- a list')).toThrow(/mapping/);
  });
});

describe('ISO 8601 helpers', () => {
  it('parses durations and writes them back', () => {
    expect(parseDuration('PT1H30M')).toBe(5_400_000);
    expect(parseDuration('P1DT0.5S')).toBe(86_400_500);
    expect(parseDuration('P')).toBeUndefined();
    expect(parseDuration('PT')).toBeUndefined();
    expect(parseDuration('-PT1H')).toBeUndefined();
    expect(formatDuration(5_400_000)).toBe('PT1H30M');
    expect(formatDuration(0)).toBe('PT0S');
  });

  it('parses the three interval forms and a bare instant', () => {
    const start = Date.UTC(2030, 0, 1, 12);
    expect(parseInterval('2030-01-01T12:00:00Z/2030-01-01T13:00:00Z')).toEqual({
      start,
      end: start + 3_600_000,
    });
    expect(parseInterval('2030-01-01T12:00:00Z/PT1H')).toEqual({ start, end: start + 3_600_000 });
    expect(parseInterval('PT1H/2030-01-01T13:00:00Z')).toEqual({ start, end: start + 3_600_000 });
    expect(parseInterval('2030-01-01T12:00:00Z')).toEqual({ start, end: start });
    expect(parseInterval('2030-01-01/2030-01-02')).toEqual({
      start: Date.UTC(2030, 0, 1),
      end: Date.UTC(2030, 0, 2),
    });
    expect(parseInterval('tomorrow/PT1H')).toBeUndefined();
    expect(parseInterval('a/b/c')).toBeUndefined();
  });
});

describe('clocks', () => {
  it('a scaled clock runs N times faster than its source', () => {
    let source = 1000;
    const clock = scaledClock(60, () => source);
    source += 10;
    expect(clock.now()).toBe(1000 + 600);
  });

  it('a virtual clock moves only when advanced, and never backwards', () => {
    const clock = virtualClock(5);
    expect(clock.now()).toBe(5);
    clock.advance(10);
    expect(clock.now()).toBe(15);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
