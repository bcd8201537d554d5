// A min-heap of items by the instant they fall due. The broker files each finished group here
// once it knows when the group's retention runs out, and takes off whatever is due on every
// operation, so memory is given back at the exact instant rather than by periodic scans over
// everything held. Instants and items sit in two parallel arrays: no entry object per push.

export class DueQueue<T> {
  private readonly instants: number[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  push(instant: number, item: T): void {
    const { instants, items } = this;
    let at = items.length;
    instants.push(instant);
    items.push(item);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (instants[parent]! <= instant) break;
      instants[at] = instants[parent]!;
      items[at] = items[parent]!;
      at = parent;
    }
    instants[at] = instant;
    items[at] = item;
  }

  /** The earliest instant filed, or undefined when the queue is empty. */
  nextInstant(): number | undefined {
    return this.items.length === 0 ? undefined : this.instants[0];
  }

  /** The earliest item due at or before `now`, taken off the queue; undefined if none is. */
  popDue(now: number): T | undefined {
    const { instants, items } = this;
    if (items.length === 0 || instants[0]! > now) return undefined;
    const top = items[0]!;
    const lastInstant = instants.pop()!;
    const lastItem = items.pop()!;
    const size = items.length;
    if (size === 0) return top;
    // Sift the former last entry down from the root.
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && instants[right]! < instants[left]! ? right : left;
      if (instants[child]! >= lastInstant) break;
      instants[at] = instants[child]!;
      items[at] = items[child]!;
      at = child;
    }
    instants[at] = lastInstant;
    items[at] = lastItem;
    return top;
  }
}
