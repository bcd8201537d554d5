import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapacityCalendar, type Booking } from '../../mock/domain/calendar.ts';

const TOTALS = { cores: 8, memory: 16, storage: 32 };
const MINUTE = 60_000;

/** The obvious, slow calendar: a list of bookings summed bucket by bucket. */
class NaiveCalendar {
  readonly bookings = new Map<
    number,
    { first: number; last: number; cores: number; memory: number; storage: number }
  >();
  use(bucket: number): [number, number, number] {
    let [c, m, s] = [0, 0, 0];
    for (const b of this.bookings.values()) {
      if (b.first <= bucket && bucket < b.last) {
        c += b.cores;
        m += b.memory;
        s += b.storage;
      }
    }
    return [c, m, s];
  }
  fits(
    first: number,
    last: number,
    need: { cores: number; memory: number; storage: number },
  ): boolean {
    for (let bucket = first; bucket < last; bucket++) {
      const [c, m, s] = this.use(bucket);
      if (
        c + need.cores > TOTALS.cores ||
        m + need.memory > TOTALS.memory ||
        s + need.storage > TOTALS.storage
      )
        return false;
    }
    return true;
  }
}

const need = fc.record({
  cores: fc.integer({ min: 1, max: 8 }),
  memory: fc.integer({ min: 1, max: 16 }),
  storage: fc.integer({ min: 0, max: 32 }),
});

// Operations cluster near a few far-apart places, some straddling powers of two, so the tree
// must grow taller under existing bookings and answer across the seams.
const PLACES = [0, 1000, 4090, 300_000] as const;
const place = fc.constantFrom(...PLACES);
const near = fc
  .tuple(place, fc.integer({ min: 0, max: 60 }))
  .map(([origin, offset]) => origin + offset);

const operation = fc.oneof(
  fc.record({
    type: fc.constant('book' as const),
    first: near,
    length: fc.integer({ min: 1, max: 20 }),
    need,
  }),
  fc.record({ type: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({
    type: fc.constant('probe' as const),
    from: near,
    span: fc.integer({ min: 0, max: 30 }),
    length: fc.integer({ min: 1, max: 15 }),
    need,
  }),
);

describe('capacity calendar', () => {
  it('books, peaks and releases exactly', () => {
    const calendar = new CapacityCalendar(TOTALS, 0, MINUTE);
    const a = calendar.book(10, 20, { cores: 3, memory: 4, storage: 5 });
    calendar.book(15, 30, { cores: 2, memory: 1, storage: 0 });
    expect(calendar.peak(0, 10)).toEqual({ cores: 0, memory: 0, storage: 0 });
    expect(calendar.peak(12, 16)).toEqual({ cores: 5, memory: 5, storage: 5 });
    calendar.release(a);
    calendar.release(a); // twice is harmless
    expect(calendar.peak(0, 100)).toEqual({ cores: 2, memory: 1, storage: 0 });
    expect(calendar.size).toBe(1);
  });

  it('finds the earliest start that fits, jumping over blocked stretches', () => {
    const calendar = new CapacityCalendar(TOTALS, 0, MINUTE);
    calendar.book(5, 10, { cores: 8, memory: 1, storage: 0 });
    calendar.book(12, 14, { cores: 6, memory: 1, storage: 0 });
    const need = { cores: 4, memory: 1, storage: 0 };
    expect(calendar.earliestFit(0, 100, 5, need)).toBe(0);
    expect(calendar.earliestFit(2, 100, 5, need)).toBe(14);
    expect(calendar.earliestFit(2, 13, 5, need)).toBeUndefined();
    expect(calendar.earliestFit(0, 100, 1, { cores: 9, memory: 1, storage: 0 })).toBeUndefined();
  });

  it('maps instants to buckets from an origin rounded down to the granularity', () => {
    const calendar = new CapacityCalendar(TOTALS, 90_000, MINUTE);
    expect(calendar.origin).toBe(60_000);
    expect(calendar.bucketAt(60_000 + 2.5 * MINUTE)).toBe(2);
    expect(calendar.bucketFrom(60_000 + 2.5 * MINUTE)).toBe(3);
    expect(calendar.instantOf(3)).toBe(60_000 + 3 * MINUTE);
  });

  it('agrees with a naive bucket-by-bucket model over any sequence of operations', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const calendar = new CapacityCalendar(TOTALS, 0, MINUTE);
        const naive = new NaiveCalendar();
        // Every booking ever made: releases pick among them, so some release twice.
        const made: Booking[] = [];
        for (const op of operations) {
          if (op.type === 'book') {
            const booking = calendar.book(op.first, op.first + op.length, op.need);
            made.push(booking);
            naive.bookings.set(booking.id, {
              first: op.first,
              last: op.first + op.length,
              ...op.need,
            });
          } else if (op.type === 'release') {
            if (made.length === 0) continue;
            const booking = made[op.pick % made.length]!;
            calendar.release(booking);
            naive.bookings.delete(booking.id);
          } else {
            const found = calendar.earliestFit(op.from, op.from + op.span, op.length, op.need);
            let expected: number | undefined;
            for (let s = op.from; s <= op.from + op.span; s++) {
              if (naive.fits(s, s + op.length, op.need)) {
                expected = s;
                break;
              }
            }
            expect(found).toBe(expected);
          }
          expect(calendar.size).toBe(naive.bookings.size);
          for (const origin of PLACES) {
            for (let bucket = origin; bucket < origin + 100; bucket += 7) {
              const [c, m, s] = naive.use(bucket);
              expect(calendar.peak(bucket, bucket + 1)).toEqual({
                cores: c,
                memory: m,
                storage: s,
              });
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every booking while its node arrays grow under it', () => {
    // Thousands of scattered bookings make the tree's arrays grow many times, often just as a
    // child node is added: a booking linked into the replaced array would be lost to queries.
    const calendar = new CapacityCalendar({ cores: 1e9, memory: 1e9, storage: 1e9 }, 0, MINUTE);
    const held = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const bucket = (i * 7919) % 1_000_000;
      calendar.book(bucket, bucket + 1, { cores: 1 + (i % 3), memory: 1, storage: 0 });
      held.set(bucket, (held.get(bucket) ?? 0) + 1 + (i % 3));
    }
    const lost = [...held].filter(
      ([bucket, cores]) => calendar.peak(bucket, bucket + 1).cores !== cores,
    );
    expect(lost).toEqual([]);
  });
});
