// What `spec diff` reports: one change, where it is, and whether a client written against the
// old version would notice it (breaking).

export type ChangeKind =
  | 'path'
  | 'operation'
  | 'media-type'
  | 'response'
  | 'body-schema'
  | 'schema'
  | 'property'
  | 'required'
  | 'enum'
  | 'discriminator';

export interface Change {
  kind: ChangeKind;
  /** `renamed`: something removed and something of the same shape added in its place. */
  change: 'added' | 'removed' | 'changed' | 'renamed';
  /** Where, in words: "POST /requests", "schema OfferSetResponse, property offers". */
  where: string;
  detail: string;
  breaking: boolean;
  /** For a rename: the old and the new name (path or kind URI). */
  from?: string;
  to?: string;
}

export function setDiff<T>(before: Iterable<T>, after: Iterable<T>): { added: T[]; removed: T[] } {
  const a = new Set(before);
  const b = new Set(after);
  return { added: [...b].filter((x) => !a.has(x)), removed: [...a].filter((x) => !b.has(x)) };
}

/**
 * Pairs removed and added items that have the same shape, one to one, in the order given;
 * what is left unpaired stays removed or added.
 */
export function pairRenames<T>(
  removed: T[],
  added: T[],
  shape: (item: T, side: 'old' | 'new') => string,
): { renamed: [T, T][]; removed: T[]; added: T[] } {
  const waiting = new Map<string, T[]>();
  for (const item of added) {
    const key = shape(item, 'new');
    waiting.set(key, [...(waiting.get(key) ?? []), item]);
  }
  const renamed: [T, T][] = [];
  const stillRemoved: T[] = [];
  for (const item of removed) {
    const match = waiting.get(shape(item, 'old'))?.shift();
    if (match === undefined) stillRemoved.push(item);
    else renamed.push([item, match]);
  }
  const paired = new Set(renamed.map(([, to]) => to));
  return { renamed, removed: stillRemoved, added: added.filter((item) => !paired.has(item)) };
}
