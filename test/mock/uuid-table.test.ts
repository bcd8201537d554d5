import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UuidTable } from '../../mock/domain/uuid-table.ts';

interface Item {
  readonly uuid: string;
  readonly n: number;
}

// Few distinct keys, so sets, replacements, deletes and lookups of the same key interleave,
// and uuid-like keys sharing their first or last characters, so probes collide.
const key = fc.oneof(
  fc.constantFrom('a', 'b', 'abcdefgh-1', 'abcdefgh-2', '1-stuvwxyz', '2-stuvwxyz'),
  fc.uuid(),
);
const step = fc.oneof(
  fc.record({ set: key, n: fc.nat() }),
  fc.record({ remove: key }),
  fc.record({ get: key }),
);

describe('uuid table', () => {
  it('behaves as a Map keyed by uuid over any sequence of sets, deletes and lookups', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), fc.nat({ max: 40 }), (steps, capacity) => {
        const table = new UuidTable<Item>(capacity);
        const model = new Map<string, Item>();
        for (const s of steps) {
          if ('set' in s) {
            const item = { uuid: s.set, n: s.n };
            table.set(item);
            model.set(s.set, item);
          } else if ('remove' in s) {
            expect(table.delete(s.remove)).toBe(model.delete(s.remove));
          } else {
            expect(table.get(s.get)).toBe(model.get(s.get));
            expect(table.has(s.get)).toBe(model.has(s.get));
          }
          expect(table.size).toBe(model.size);
        }
        expect(new Set(table.entries())).toEqual(new Set(model.values()));
      }),
      { numRuns: 300 },
    );
  });

  it('stays correct through many rebuilds under steady churn', () => {
    const table = new UuidTable<Item>();
    const live: Item[] = [];
    for (let n = 0; n < 20_000; n++) {
      const item = { uuid: crypto.randomUUID(), n };
      table.set(item);
      live.push(item);
      if (live.length > 300) table.delete(live.shift()!.uuid);
    }
    expect(table.size).toBe(300);
    for (const item of live) expect(table.get(item.uuid)).toBe(item);
    expect(table.get('')).toBeUndefined();
    expect(table.delete('')).toBe(false);
  });

  it('refuses an empty uuid, which it uses to mark removed entries', () => {
    expect(() => new UuidTable<Item>().set({ uuid: '', n: 0 })).toThrow(/empty/);
  });
});
