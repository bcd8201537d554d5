// Changes to one discriminator mapping, judged as a client of the old version sees them. Kinds
// are an open set (brokers add kinds, and clients must cope with kinds they do not know), so an
// added kind breaks no one; a kind the old client may send that is gone breaks it, and so does a
// kind URI renamed (same schema, new URI): the old client still sends and expects the old one.
import { pairRenames, setDiff } from './change.ts';
import type { Change } from './change.ts';
import type { SchemaView } from './view.ts';

export function diffKinds(where: string, old: SchemaView, now: SchemaView): Change[] {
  const changes: Change[] = [];
  const kinds = setDiff(old.mapping.keys(), now.mapping.keys());
  const { renamed, removed, added } = pairRenames(kinds.removed, kinds.added, (key, side) =>
    String((side === 'old' ? old : now).mapping.get(key)),
  );
  for (const [from, to] of renamed)
    changes.push({
      kind: 'discriminator',
      change: 'renamed',
      where,
      detail: `kind "${from}" renamed "${to}" (${now.mapping.get(to)})`,
      breaking: true,
      from,
      to,
    });
  for (const key of added)
    changes.push({
      kind: 'discriminator',
      change: 'added',
      where,
      detail: `kind "${key}" -> ${now.mapping.get(key)} added`,
      breaking: false,
    });
  for (const key of removed)
    changes.push({
      kind: 'discriminator',
      change: 'removed',
      where,
      detail: `kind "${key}" removed`,
      // Only a client that sends the kind can miss it; one that only reads it never sees it.
      breaking: old.direction.request,
    });
  for (const [key, target] of old.mapping) {
    const newTarget = now.mapping.get(key);
    if (newTarget !== undefined && newTarget !== target)
      changes.push({
        kind: 'discriminator',
        change: 'changed',
        where,
        detail: `kind "${key}" now maps to ${newTarget} (was ${target})`,
        breaking: true,
      });
  }
  return changes;
}
