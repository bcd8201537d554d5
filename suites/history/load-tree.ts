// The load on a time axis: add an amount over a half-open span of slots, read the largest load
// anywhere or the first slot over a limit. A segment tree with lazy range additions, so a trace
// of many thousands of bookings is swept in n log n rather than compared pair by pair.

export class LoadTree {
  private readonly max: Float64Array;
  private readonly pending: Float64Array;

  /** `size`: how many slots the axis has (the gaps between sorted boundary instants). */
  constructor(readonly size: number) {
    const nodes = 4 * Math.max(1, size);
    this.max = new Float64Array(nodes);
    this.pending = new Float64Array(nodes);
  }

  /** Adds `amount` to every slot in [from, to). */
  add(from: number, to: number, amount: number): void {
    if (from < to && amount !== 0) this.update(1, 0, this.size, from, to, amount);
  }

  /** The largest load over all slots. */
  peak(): number {
    return this.size === 0 ? 0 : (this.max[1] ?? 0);
  }

  /** The first slot in [from, to) whose load exceeds `limit`, or -1. */
  firstAbove(from: number, to: number, limit: number): number {
    return from < to ? this.search(1, 0, this.size, from, to, limit) : -1;
  }

  private update(node: number, lo: number, hi: number, from: number, to: number, amount: number) {
    if (to <= lo || hi <= from) return;
    if (from <= lo && hi <= to) {
      this.max[node] = (this.max[node] ?? 0) + amount;
      this.pending[node] = (this.pending[node] ?? 0) + amount;
      return;
    }
    const mid = (lo + hi) >> 1;
    this.update(2 * node, lo, mid, from, to, amount);
    this.update(2 * node + 1, mid, hi, from, to, amount);
    this.max[node] =
      Math.max(this.max[2 * node] ?? 0, this.max[2 * node + 1] ?? 0) + (this.pending[node] ?? 0);
  }

  private search(
    node: number,
    lo: number,
    hi: number,
    from: number,
    to: number,
    limit: number,
  ): number {
    if (to <= lo || hi <= from || (this.max[node] ?? 0) <= limit) return -1;
    if (hi - lo === 1) return lo;
    // A pending addition on this node applies to both children: carry it down as a lower limit.
    const below = limit - (this.pending[node] ?? 0);
    const mid = (lo + hi) >> 1;
    const left = this.search(2 * node, lo, mid, from, to, below);
    return left >= 0 ? left : this.search(2 * node + 1, mid, hi, from, to, below);
  }
}
