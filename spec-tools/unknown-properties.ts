// The ExecutionBroker schemas are open (no additionalProperties: false), so a misspelt or
// outdated property name (`state` for `phase`, `resources` for `compute`) still validates.
// This walks a document beside its schema and lists the properties the schema never defines.
import { allOfClosure, componentName, derefSchema, isRecord, siteKey } from './load/schemas.ts';
import type { SchemaSite } from './load/schemas.ts';
import { joinPointer } from './load/source-file.ts';
import { getAtPointer } from './load/source-file.ts';
import type { Location, SpecSet } from './load/spec-set.ts';
import { discriminatorMappings } from './rules/ref-checks.ts';

export interface UnknownProperty {
  pointer: string;
  message: string;
}

export function unknownProperties(
  set: SpecSet,
  schema: Location,
  document: unknown,
): UnknownProperty[] {
  const found: UnknownProperty[] = [];
  const mappings = discriminatorMappings(set);
  const start = getAtPointer(set.file(schema.file)?.data, schema.pointer);
  if (!isRecord(start)) return found;

  const walk = (value: unknown, site: SchemaSite, pointer: string, depth: number): void => {
    if (depth > 40) return;
    let resolved = derefSchema(set, site);
    if (!resolved) return;
    if (isRecord(value)) {
      // Dispatch on the discriminator, as a validator that understood it would.
      for (const part of allOfClosure(set, resolved)) {
        const discriminator = part.schema.discriminator;
        if (!isRecord(discriminator) || typeof discriminator.propertyName !== 'string') continue;
        const entry = mappings.find(
          (candidate) =>
            siteKey(candidate.base) === siteKey(part) &&
            candidate.key === value[discriminator.propertyName as string],
        );
        if (entry?.target) resolved = { ...entry.target.location, schema: entry.target.schema };
        break;
      }
    }
    const parts = allOfClosure(set, resolved);
    if (parts.some((part) => Array.isArray(part.schema.oneOf) || Array.isArray(part.schema.anyOf)))
      return;

    if (Array.isArray(value)) {
      const withItems = parts.find((part) => isRecord(part.schema.items));
      if (!withItems) return;
      const items = {
        file: withItems.file,
        pointer: joinPointer(withItems.pointer, 'items'),
        schema: withItems.schema.items as Record<string, unknown>,
      };
      value.forEach((item, index) => walk(item, items, joinPointer(pointer, index), depth + 1));
      return;
    }
    if (!isRecord(value)) return;
    const open = parts.find(
      (part) =>
        isRecord(part.schema.additionalProperties) ||
        isRecord(part.schema.patternProperties) ||
        part.schema.additionalProperties === true,
    );
    const declaresProperties = parts.some((part) => isRecord(part.schema.properties));
    for (const [key, child] of Object.entries(value)) {
      const owner = parts.find(
        (part) =>
          isRecord(part.schema.properties) &&
          isRecord((part.schema.properties as Record<string, unknown>)[key]),
      );
      if (owner) {
        const childSchema = (owner.schema.properties as Record<string, unknown>)[key] as Record<
          string,
          unknown
        >;
        walk(
          child,
          {
            file: owner.file,
            pointer: joinPointer(owner.pointer, 'properties', key),
            schema: childSchema,
          },
          joinPointer(pointer, key),
          depth + 1,
        );
      } else if (open && isRecord(open.schema.additionalProperties)) {
        const extra = {
          file: open.file,
          pointer: joinPointer(open.pointer, 'additionalProperties'),
          schema: open.schema.additionalProperties as Record<string, unknown>,
        };
        walk(child, extra, joinPointer(pointer, key), depth + 1);
      } else if (!open && declaresProperties) {
        const name =
          componentName(resolved.pointer) ??
          (typeof resolved.schema.title === 'string' ? resolved.schema.title : 'the schema');
        found.push({
          pointer: joinPointer(pointer, key),
          message: `"${key}" is not a property of ${name} (ignored by the schema, probably a mistake)`,
        });
      }
    }
  };
  walk(document, { ...schema, schema: start }, '', 0);
  return found;
}
