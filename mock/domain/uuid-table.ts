// The broker's index of offer sets and sessions by uuid: an open-addressing hash table that
// lets go of what it forgets. A `Map` would do the same job, but under a steady load of
// short-lived offers it keeps rebuilding its storage, and each table it drops still points at
// the entries it held; while that garbage sits in the old generation, the collector treats
// those pointers as live and promotes every recent offer, which then costs a full collection
// to clear (measured: about 2 MB promoted per young collection, and pauses 4x longer). Here a
// removed entry and every replaced array are wiped at once, so forgotten offers die young.

const EMPTY = undefined;
/** Marks a removed entry, so that probes for keys placed after it keep going. */
const GONE = '';

/** A hash of the characters a uuid has at random: the first and last eight. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  const length = key.length;
  for (let i = 0; i < 8 && i < length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  for (let i = Math.max(8, length - 8); i < length; i++)
    hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return hash ^ (hash >>> 15);
}

export class UuidTable<T extends { readonly uuid: string }> {
  private keys: (string | undefined)[];
  private values: (T | undefined)[];
  private mask: number;
  private count = 0;
  /** Entries in use or marked GONE: what a probe may have to step over. */
  private used = 0;

  constructor(capacity = 64) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Array<string | undefined>(size).fill(EMPTY);
    this.values = new Array<T | undefined>(size).fill(EMPTY);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  get(key: string): T | undefined {
    const { keys, mask } = this;
    // A removed entry's key is GONE (''), which no looked-up uuid equals.
    if (key === GONE) return undefined;
    for (let at = hashOf(key) & mask; ; at = (at + 1) & mask) {
      const found = keys[at];
      if (found === EMPTY) return undefined;
      if (found === key) return this.values[at];
    }
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Adds or replaces the entry under `value.uuid`. */
  set(value: T): void {
    const key = value.uuid;
    if (key === GONE) throw new Error('a uuid cannot be empty');
    const { keys, mask } = this;
    let free = -1;
    let at = hashOf(key) & mask;
    for (; ; at = (at + 1) & mask) {
      const found = keys[at];
      if (found === EMPTY) break;
      if (found === key) {
        this.values[at] = value;
        return;
      }
      if (found === GONE && free === -1) free = at;
    }
    if (free !== -1) at = free;
    else this.used++;
    keys[at] = key;
    this.values[at] = value;
    this.count++;
    // Keep at least half the slots empty, so probes stay short.
    if (this.used * 2 > keys.length) this.rebuild();
  }

  delete(key: string): boolean {
    const { keys, mask } = this;
    if (key === GONE) return false;
    for (let at = hashOf(key) & mask; ; at = (at + 1) & mask) {
      const found = keys[at];
      if (found === EMPTY) return false;
      if (found === key) {
        keys[at] = GONE;
        this.values[at] = EMPTY;
        this.count--;
        return true;
      }
    }
  }

  /** Every value, in no particular order. */
  *entries(): IterableIterator<T> {
    for (const value of this.values) if (value !== EMPTY) yield value;
  }

  /** Re-places the live entries in fresh arrays (larger if they are full) and wipes the old. */
  private rebuild(): void {
    const { keys, values } = this;
    let size = keys.length;
    while (this.count * 4 > size) size *= 2;
    while (size > 16 && this.count * 8 < size) size /= 2;
    this.keys = new Array<string | undefined>(size).fill(EMPTY);
    this.values = new Array<T | undefined>(size).fill(EMPTY);
    this.mask = size - 1;
    this.count = 0;
    this.used = 0;
    for (const value of values) if (value !== EMPTY) this.set(value);
    keys.fill(EMPTY);
    values.fill(EMPTY);
  }
}
