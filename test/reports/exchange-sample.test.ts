import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../contract/result.ts';
import { exchangeKind, selectExchanges } from '../../reports/exchange-sample.ts';
import { recorded, runWith } from './fixtures.ts';

describe('which exchanges a report keeps', () => {
  it('folds uuids and numbers out of the route when telling kinds apart', () => {
    expect(exchangeKind(recorded(1))).toBe('GET /sessions/{uuid} 200');
    expect(exchangeKind(recorded(2, { path: '/offersets/12', status: 404 }))).toBe(
      'GET /offersets/{n} 404',
    );
    const lost: Exchange = { ...recorded(3), error: 'ECONNREFUSED' };
    delete lost.response;
    expect(exchangeKind(lost)).toBe('GET /sessions/{uuid} no answer');
  });

  it('keeps every cited exchange, one of each kind, then an even spread within budget', () => {
    const all = Array.from({ length: 2000 }, (_, n) => recorded(n));
    all[1500] = recorded(1500, { method: 'POST', path: '/requests', status: 303 });
    all[1900] = recorded(1900, { path: '/sessions/nope', status: 404 });
    all[700] = recorded(700, { size: 80_000 }); // cited, and huge
    all[701] = recorded(701, { method: 'DELETE', path: '/x', size: 80_000 }); // huge, uncited
    const selection = selectExchanges(runWith(all, ['x700', 'x3']), 'sample', {
      count: 40,
      chars: 60_000,
    });
    const ids = selection.exchanges.map((x) => x.id);
    expect(ids).toContain('x700');
    expect(ids).toContain('x3');
    expect(ids).toContain('x1500');
    expect(ids).toContain('x1900');
    expect(ids).not.toContain('x701');
    expect(selection.cited).toBe(2);
    expect(selection.sampled).toBe(ids.length - 2);
    expect(selection.sampled).toBeLessThanOrEqual(40);
    const sampledChars = selection.exchanges
      .filter((x) => x.id !== 'x700' && x.id !== 'x3')
      .reduce((sum, x) => sum + JSON.stringify(x).length, 0);
    expect(sampledChars).toBeLessThanOrEqual(60_000);
    // Spread over the run, not bunched at its start.
    const sampled = ids.map((id) => Number(id.slice(1)));
    expect(Math.max(...sampled)).toBeGreaterThan(1800);
    expect(sampled.filter((n) => n > 1000).length).toBeGreaterThan(10);
    // In their recorded order.
    expect([...sampled].sort((a, b) => a - b)).toEqual(sampled);
  });

  it('keeps everything with --har full, and everything when it all fits', () => {
    const all = Array.from({ length: 300 }, (_, n) => recorded(n));
    expect(selectExchanges(runWith(all), 'full').exchanges).toHaveLength(300);
    const few = all.slice(0, 10);
    expect(selectExchanges(runWith(few)).exchanges).toEqual(few);
  });

  it('never drops a cited exchange nor goes over the count (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.nat(399), { maxLength: 30 }),
        fc.integer({ min: 0, max: 50 }),
        (count, citedNumbers, limit) => {
          const all = Array.from({ length: count }, (_, n) =>
            recorded(n, { size: 200 + ((n * 7919) % 5000) }),
          );
          const cited = citedNumbers.filter((n) => n < count).map((n) => `x${n}`);
          const selection = selectExchanges(runWith(all, cited), 'sample', {
            count: limit,
            chars: 100_000,
          });
          const ids = new Set(selection.exchanges.map((x) => x.id));
          for (const id of cited) expect(ids.has(id)).toBe(true);
          expect(selection.sampled).toBeLessThanOrEqual(limit);
          expect(selection.recorded).toBe(count);
        },
      ),
      { numRuns: 60 },
    );
  });
});
