// Walking the schemas of a spec set: where every schema object sits, what a schema turns into
// once its `$ref` is followed, and what it inherits through `allOf`.
import { getAtPointer, joinPointer, unescapePointerToken } from './source-file.ts';
import type { Location, SpecSet } from './spec-set.ts';

export type SchemaObject = Record<string, unknown>;

export interface SchemaSite extends Location {
  schema: SchemaObject;
  /** The component name when the schema sits at /components/schemas/<name>. */
  component?: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const SINGLE_SUBSCHEMA = [
  'additionalProperties',
  'items',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_MAPS = [
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
];

/** The direct subschemas of a schema, with their pointers. */
export function subschemas(
  schema: SchemaObject,
  pointer: string,
): { pointer: string; schema: SchemaObject }[] {
  const found: { pointer: string; schema: SchemaObject }[] = [];
  for (const keyword of SINGLE_SUBSCHEMA) {
    const value = schema[keyword];
    if (isRecord(value)) found.push({ pointer: joinPointer(pointer, keyword), schema: value });
  }
  for (const keyword of SUBSCHEMA_LISTS) {
    const value = schema[keyword];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isRecord(item))
          found.push({ pointer: joinPointer(pointer, keyword, index), schema: item });
      });
    }
  }
  for (const keyword of SUBSCHEMA_MAPS) {
    const value = schema[keyword];
    if (isRecord(value)) {
      for (const [name, item] of Object.entries(value)) {
        if (isRecord(item))
          found.push({ pointer: joinPointer(pointer, keyword, name), schema: item });
      }
    }
  }
  return found;
}

/** Where schemas start in an OpenAPI document (outside components/schemas). */
function operationSchemaRoots(data: unknown): { pointer: string; schema: SchemaObject }[] {
  const roots: { pointer: string; schema: SchemaObject }[] = [];
  const visit = (node: unknown, pointer: string, depth: number): void => {
    if (depth > 12 || !isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const at = joinPointer(pointer, key);
      if (key === 'schema' && isRecord(value)) roots.push({ pointer: at, schema: value });
      else if (key !== 'examples' && key !== 'example') visit(value, at, depth + 1);
    }
  };
  if (isRecord(data)) {
    visit(data.paths, '/paths', 0);
    visit(data.webhooks, '/webhooks', 0);
    if (isRecord(data.components)) {
      for (const section of ['responses', 'parameters', 'requestBodies', 'headers']) {
        visit(data.components[section], joinPointer('/components', section), 0);
      }
    }
  }
  return roots;
}

/** Calls `visit` for every schema object of every file, depth first. */
export function forEachSchema(set: SpecSet, visit: (site: SchemaSite) => void): void {
  for (const source of set.files.values()) {
    const walk = (schema: SchemaObject, pointer: string, component?: string): void => {
      visit({ file: source.path, pointer, schema, ...(component ? { component } : {}) });
      for (const child of subschemas(schema, pointer)) walk(child.schema, child.pointer);
    };
    const components = getAtPointer(source.data, '/components/schemas');
    if (isRecord(components)) {
      for (const [name, schema] of Object.entries(components)) {
        if (isRecord(schema)) walk(schema, joinPointer('/components/schemas', name), name);
      }
    }
    for (const root of operationSchemaRoots(source.data)) walk(root.schema, root.pointer);
  }
}

/** Follows `$ref` chains (leniently) until a schema without `$ref` appears. */
export function derefSchema(
  set: SpecSet,
  site: Location & { schema: SchemaObject },
): SchemaSite | undefined {
  let current: SchemaSite = { ...site };
  for (let hops = 0; hops < 20; hops++) {
    const ref = current.schema.$ref;
    if (typeof ref !== 'string') return current;
    const next = set.follow(current.file, ref);
    if (!next || !isRecord(next.value)) return undefined;
    current = { ...next.target, schema: next.value };
  }
  return undefined;
}

export function siteKey(location: Location): string {
  return `${location.file}#${location.pointer}`;
}

/** The schemas a schema is made of through `allOf` (itself first), refs followed. */
export function allOfClosure(set: SpecSet, site: SchemaSite): SchemaSite[] {
  const seen = new Set<string>();
  const found: SchemaSite[] = [];
  const walk = (start: SchemaSite): void => {
    const resolved = derefSchema(set, start);
    if (!resolved || seen.has(siteKey(resolved))) return;
    seen.add(siteKey(resolved));
    found.push(resolved);
    for (const [index, part] of (Array.isArray(resolved.schema.allOf)
      ? resolved.schema.allOf
      : []
    ).entries()) {
      if (isRecord(part)) {
        walk({
          file: resolved.file,
          pointer: joinPointer(resolved.pointer, 'allOf', index),
          schema: part,
        });
      }
    }
  };
  walk(site);
  return found;
}

/** Property names a schema defines itself or inherits through `allOf`. */
export function definedProperties(set: SpecSet, site: SchemaSite): Set<string> {
  const names = new Set<string>();
  for (const part of allOfClosure(set, site)) {
    if (isRecord(part.schema.properties))
      Object.keys(part.schema.properties).forEach((n) => names.add(n));
  }
  return names;
}

/** True when the schema accepts any property name (so `required` can never be wrong). */
export function allowsAnyProperty(set: SpecSet, site: SchemaSite): boolean {
  return allOfClosure(set, site).some(
    (part) =>
      isRecord(part.schema.patternProperties) ||
      isRecord(part.schema.additionalProperties) ||
      part.schema.additionalProperties === true,
  );
}

/** The component name a location points at, if it is /components/schemas/<name>. */
export function componentName(pointer: string): string | undefined {
  const match = /^\/components\/schemas\/([^/]+)$/.exec(pointer);
  return match ? unescapePointerToken(match[1] as string) : undefined;
}
