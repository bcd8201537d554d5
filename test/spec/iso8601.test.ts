import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../spec/index.ts';

describe('the one ISO 8601 duration reader', () => {
  it('reads every unit, with fractions, at fixed lengths', () => {
    expect(parseDuration('PT5M')).toBe(300_000);
    expect(parseDuration('PT1H30M')).toBe(5_400_000);
    expect(parseDuration('P1DT0.5S')).toBe(86_400_500);
    expect(parseDuration('P1W')).toBe(7 * 86_400_000);
    expect(parseDuration('P1Y2M')).toBe((365 + 60) * 86_400_000);
    expect(parseDuration('PT1.5H')).toBe(5_400_000);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', 'P', 'PT', 'P1H', 'PT1D', '5M', 'PT-1S', 'PT1M ', 'P1DT'])
      expect(parseDuration(text), text).toBeUndefined();
  });

  it('reads back what the broker writes (hours, minutes, seconds)', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(59), fc.nat(59), (h, m, s) => {
        const text = `PT${h}H${m}M${s}S`;
        expect(parseDuration(text)).toBe(((h * 60 + m) * 60 + s) * 1000);
      }),
    );
  });
});
