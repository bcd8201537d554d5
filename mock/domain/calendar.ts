// The capacity calendar: how many cores, GiB of memory and GiB of storage are held at every
// instant, and where a new booking fits.
//
// Time is cut into buckets of the slot granularity. A sparse segment tree over up to 2^26
// buckets keeps, for each node, the largest use inside it (range add, range max, no push-down),
// so booking, releasing and "find the earliest start where this fits" each cost O(log buckets)
// steps however many bookings exist. Nodes are created only where bookings fall, in flat
// typed arrays, so 100,000 bookings cost a few megabytes. The tree is only as tall as the
// latest booking needs (a new root is put on top when one falls beyond it): bookings cluster
// in the next hours and days, and every level saved is a step off each booking and search.
import type { Resources } from './platform.ts';

const DEPTH = 26;
const SPAN = 2 ** DEPTH;
const DIMS = 3;

/**
 * Capacity held over a stretch of buckets. Whoever booked it keeps it and hands it back to
 * `release`; the calendar itself keeps no index of bookings, so a released one is garbage at
 * once (an index under steady churn kept recent bookings alive into the old generation).
 */
export interface Booking {
  readonly id: number;
  readonly first: number; // bucket, inclusive
  readonly last: number; // bucket, exclusive
  readonly amounts: Resources;
  /** Set by `release`, which makes releasing twice harmless. */
  released: boolean;
}

export class CapacityCalendar {
  readonly totals: Resources;
  readonly origin: number; // epoch ms of bucket 0
  readonly granularity: number; // ms per bucket

  private left = new Int32Array(1024);
  private right = new Int32Array(1024);
  private max = new Float64Array(1024 * DIMS);
  private add = new Float64Array(1024 * DIMS);
  private nodes = 2; // node 0 is "no child", node 1 the first root
  private root = 1;
  /** Buckets the tree covers now: [0, span), a power of two up to SPAN; beyond it all is free. */
  private span = 1024;
  private live = 0;
  private nextId = 1;

  constructor(totals: Resources, origin: number, granularity: number) {
    this.totals = { ...totals };
    this.granularity = granularity;
    this.origin = Math.floor(origin / granularity) * granularity;
  }

  get size(): number {
    return this.live;
  }

  /** The bucket holding instant `ms`, clamped into the calendar's span. */
  bucketAt(ms: number): number {
    return this.clamp(Math.floor((ms - this.origin) / this.granularity));
  }

  /** The first bucket starting at or after `ms`. */
  bucketFrom(ms: number): number {
    return this.clamp(Math.ceil((ms - this.origin) / this.granularity));
  }

  instantOf(bucket: number): number {
    return this.origin + bucket * this.granularity;
  }

  /** Buckets needed to cover `ms` of time. */
  bucketsFor(ms: number): number {
    return Math.max(0, Math.ceil(ms / this.granularity));
  }

  get lastBucket(): number {
    return SPAN - 1;
  }

  /** Holds `amounts` over buckets [first, last). Does not check capacity: see `fits`. */
  book(first: number, last: number, amounts: Resources): Booking {
    const booking: Booking = {
      id: this.nextId++,
      first,
      last: Math.min(last, SPAN),
      amounts: { ...amounts },
      released: false,
    };
    this.live++;
    if (booking.first < booking.last) {
      const { cores, memory, storage } = amounts;
      while (this.span < booking.last) this.heighten();
      this.update(this.root, 0, this.span, booking.first, booking.last, cores, memory, storage);
    }
    return booking;
  }

  /** Gives a booking's capacity back; releasing twice is harmless. */
  release(booking: Booking): void {
    if (booking.released) return;
    booking.released = true;
    this.live--;
    if (booking.first < booking.last) {
      const { cores, memory, storage } = booking.amounts;
      this.update(this.root, 0, this.span, booking.first, booking.last, -cores, -memory, -storage);
    }
  }

  /** Largest use of each resource over buckets [first, last). */
  peak(first: number, last: number): Resources {
    // Nothing is booked beyond the tree's span.
    last = Math.min(last, this.span);
    if (first >= last) return { cores: 0, memory: 0, storage: 0 };
    const found = [0, 0, 0];
    for (let dim = 0; dim < DIMS; dim++)
      found[dim] = this.queryMax(this.root, 0, this.span, first, last, dim);
    return { cores: found[0] ?? 0, memory: found[1] ?? 0, storage: found[2] ?? 0 };
  }

  fits(first: number, last: number, need: Resources): boolean {
    return this.firstBlocked(first, last, this.limitsFor(need)) === -1;
  }

  /**
   * The earliest bucket s in [from, to] such that [s, s + length) can hold `need`, or
   * undefined. Each probe jumps past the first blocked bucket it meets, so the cost grows with
   * the number of blocked stretches crossed, not with the number of bookings.
   */
  earliestFit(from: number, to: number, length: number, need: Resources): number | undefined {
    const limits = this.limitsFor(need);
    if (limits[0] < 0 || limits[1] < 0 || limits[2] < 0) return undefined;
    let start = Math.max(0, from);
    const end = Math.min(to, SPAN - length);
    while (start <= end) {
      const blocked = this.firstBlocked(start, start + length, limits);
      if (blocked === -1) return start;
      start = blocked + 1;
    }
    return undefined;
  }

  private limitsFor(need: Resources): [number, number, number] {
    const { totals } = this;
    return [totals.cores - need.cores, totals.memory - need.memory, totals.storage - need.storage];
  }

  private clamp(bucket: number): number {
    return Math.min(Math.max(bucket, 0), SPAN - 1);
  }

  private grow(): void {
    const capacity = this.left.length * 2;
    const widen = <T extends Int32Array | Float64Array>(
      array: T,
      make: (n: number) => T,
      factor = 1,
    ): T => {
      const next = make(capacity * factor);
      next.set(array);
      return next;
    };
    this.left = widen(this.left, (n) => new Int32Array(n));
    this.right = widen(this.right, (n) => new Int32Array(n));
    this.max = widen(this.max, (n) => new Float64Array(n), DIMS);
    this.add = widen(this.add, (n) => new Float64Array(n), DIMS);
  }

  /** Doubles the span: a new root whose left half is the old tree and right half is empty. */
  private heighten(): void {
    const root = this.newNode();
    this.left[root] = this.root;
    for (let dim = 0; dim < DIMS; dim++)
      this.max[root * DIMS + dim] = Math.max(this.max[this.root * DIMS + dim]!, 0);
    this.root = root;
    this.span *= 2;
  }

  private newNode(): number {
    if (this.nodes >= this.left.length) this.grow();
    return this.nodes++;
  }

  /**
   * Adds (c, m, s) over buckets [first, last) below `node`, which covers [lo, hi). The three
   * resources are spelled out rather than looped over: this runs for every node on two
   * root-to-leaf paths of every booking and release, the broker's hottest code.
   */
  private update(
    node: number,
    lo: number,
    hi: number,
    first: number,
    last: number,
    c: number,
    m: number,
    s: number,
  ): void {
    const { add, max } = this;
    const base = node * DIMS;
    if (first <= lo && hi <= last) {
      add[base]! += c;
      add[base + 1]! += m;
      add[base + 2]! += s;
      max[base]! += c;
      max[base + 1]! += m;
      max[base + 2]! += s;
      return;
    }
    const mid = (lo + hi) >>> 1;
    // A new node may grow (replace) the arrays: take it first, then link it into the current
    // ones. (`this.left[node] = this.newNode()` would write into the array it replaced.)
    if (first < mid) {
      if (this.left[node] === 0) {
        const child = this.newNode();
        this.left[node] = child;
      }
      this.update(this.left[node]!, lo, mid, first, last, c, m, s);
    }
    if (last > mid) {
      if (this.right[node] === 0) {
        const child = this.newNode();
        this.right[node] = child;
      }
      this.update(this.right[node]!, mid, hi, first, last, c, m, s);
    }
    // Read the arrays again: a new node above may have grown (replaced) them.
    const left = this.left[node]! * DIMS;
    const right = this.right[node]! * DIMS;
    const adds = this.add;
    const maxes = this.max;
    // Node 0 is "no child": its entries stay zero, so it reads as an empty stretch.
    maxes[base] = adds[base]! + Math.max(maxes[left]!, maxes[right]!);
    maxes[base + 1] = adds[base + 1]! + Math.max(maxes[left + 1]!, maxes[right + 1]!);
    maxes[base + 2] = adds[base + 2]! + Math.max(maxes[left + 2]!, maxes[right + 2]!);
  }

  private queryMax(
    node: number,
    lo: number,
    hi: number,
    first: number,
    last: number,
    dim: number,
  ): number {
    if (node === 0) return 0;
    if (first <= lo && hi <= last) return this.max[node * DIMS + dim] ?? 0;
    const mid = (lo + hi) >>> 1;
    let best = 0;
    if (first < mid)
      best = Math.max(best, this.queryMax(this.left[node]!, lo, mid, first, last, dim));
    if (last > mid)
      best = Math.max(best, this.queryMax(this.right[node]!, mid, hi, first, last, dim));
    return best + (this.add[node * DIMS + dim] ?? 0);
  }

  /** First bucket in [first, last) where some resource exceeds its limit, or -1. */
  private firstBlocked(first: number, last: number, limits: [number, number, number]): number {
    return this.descend(this.root, 0, this.span, first, last, limits, 0, 0, 0);
  }

  private descend(
    node: number,
    lo: number,
    hi: number,
    first: number,
    last: number,
    limits: [number, number, number],
    c: number,
    m: number,
    s: number,
  ): number {
    if (hi <= first || last <= lo) return -1;
    if (node === 0)
      return c > limits[0] || m > limits[1] || s > limits[2] ? Math.max(lo, first) : -1;
    const base = node * DIMS;
    if (
      c + this.max[base]! <= limits[0] &&
      m + this.max[base + 1]! <= limits[1] &&
      s + this.max[base + 2]! <= limits[2]
    ) {
      return -1;
    }
    const nc = c + this.add[base]!;
    const nm = m + this.add[base + 1]!;
    const ns = s + this.add[base + 2]!;
    const left = this.left[node]!;
    const right = this.right[node]!;
    // A node without children holds one uniform value over its whole range.
    if (left === 0 && right === 0) return Math.max(lo, first);
    const mid = (lo + hi) >>> 1;
    const inLeft = this.descend(left, lo, mid, first, last, limits, nc, nm, ns);
    if (inLeft !== -1) return inLeft;
    return this.descend(right, mid, hi, first, last, limits, nc, nm, ns);
  }
}
