// Changes to component schemas: schemas come and go; properties, required names and enum values
// change, judged by the direction the schema travels in (a new required property breaks clients
// that send it, a removed property breaks clients that read it). A change made in a parent is
// reported once, on the parent, not again on every schema that inherits it.
import { setDiff } from './change.ts';
import type { Change } from './change.ts';
import { diffKinds } from './kinds.ts';
import type { Direction, PropertyView, SpecView } from './view.ts';

function enumChanges(
  where: string,
  before: string[] | undefined,
  after: string[] | undefined,
  direction: Direction,
): Change[] {
  if (!before || !after) return [];
  const { added, removed } = setDiff(before, after);
  return [
    // Unlike kinds, an enum is a closed set: a reader written for the old values fails on a new one.
    ...added.map((value): Change => ({
      kind: 'enum',
      change: 'added',
      where,
      detail: `value "${value}" added`,
      breaking: direction.response,
    })),
    ...removed.map((value): Change => ({
      kind: 'enum',
      change: 'removed',
      where,
      detail: `value "${value}" removed`,
      breaking: direction.request || direction.response,
    })),
  ];
}

export function diffSchemas(before: SpecView, after: SpecView): Change[] {
  const changes: Change[] = [];
  const schemas = setDiff(before.schemas.keys(), after.schemas.keys());
  schemas.added.forEach((name) =>
    changes.push({
      kind: 'schema',
      change: 'added',
      where: `schema ${name}`,
      detail: 'new schema',
      breaking: false,
    }),
  );
  for (const name of schemas.removed) {
    // A component no path reached was never on the wire: no client can miss it.
    const used = before.schemas.get(name)?.used === true;
    changes.push({
      kind: 'schema',
      change: 'removed',
      where: `schema ${name}`,
      detail: used ? 'schema removed' : 'schema removed (no path used it)',
      breaking: used,
    });
  }
  const inherited: { owner: string; change: Change }[] = [];
  for (const [name, old] of before.schemas) {
    const now = after.schemas.get(name);
    if (!now) continue;
    const direction = {
      request: old.direction.request || now.direction.request,
      response: old.direction.response || now.direction.response,
    };
    const where = `schema ${name}`;
    if (old.type !== now.type)
      changes.push({
        kind: 'schema',
        change: 'changed',
        where,
        detail: `type ${old.type} -> ${now.type}`,
        breaking: true,
      });
    // Inherited changes wait: they are dropped below when the parent reports them itself.
    const record = (owner: string, change: Change) =>
      owner === name ? changes.push(change) : inherited.push({ owner, change });
    const properties = setDiff(old.properties.keys(), now.properties.keys());
    for (const p of properties.added) {
      const added = now.properties.get(p) as PropertyView;
      const detail = `property ${p} added (${added.signature})`;
      record(added.owner, { kind: 'property', change: 'added', where, detail, breaking: false });
    }
    for (const p of properties.removed) {
      const owner = (old.properties.get(p) as PropertyView).owner;
      // Schemas are open: a property a client still sends is ignored, one it reads is missing.
      record(owner, {
        kind: 'property',
        change: 'removed',
        where,
        detail: `property ${p} removed`,
        breaking: direction.response,
      });
    }
    for (const [property, oldProperty] of old.properties) {
      const newProperty = now.properties.get(property);
      if (!newProperty) continue;
      if (oldProperty.signature !== newProperty.signature) {
        const detail = `property ${property} retyped ${oldProperty.signature} -> ${newProperty.signature}`;
        record(newProperty.owner, {
          kind: 'property',
          change: 'changed',
          where,
          detail,
          breaking: true,
        });
      }
      const enums = enumChanges(
        `${where}, property ${property}`,
        oldProperty.enum,
        newProperty.enum,
        direction,
      );
      for (const change of enums) record(newProperty.owner, change);
    }
    const required = setDiff(old.required.keys(), now.required.keys());
    for (const p of required.added) {
      const detail = `${p} is now required`;
      record(now.required.get(p) as string, {
        kind: 'required',
        change: 'added',
        where,
        detail,
        breaking: direction.request,
      });
    }
    for (const p of required.removed) {
      const detail = `${p} is no longer required`;
      record(old.required.get(p) as string, {
        kind: 'required',
        change: 'removed',
        where,
        detail,
        breaking: direction.response,
      });
    }
    changes.push(...enumChanges(where, old.enum, now.enum, direction));
    changes.push(...diffKinds(where, old, now));
  }
  const key = (change: Change, where = change.where) =>
    `${where}|${change.kind}|${change.change}|${change.detail}`;
  const reported = new Set(changes.map((change) => key(change)));
  for (const { owner, change } of inherited) {
    const atOwner = change.where.replace(/^schema [^,]+/, `schema ${owner}`);
    if (!reported.has(key(change, atOwner))) changes.push(change);
  }
  return changes;
}
