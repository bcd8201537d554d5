// One side of a diff, reduced to what an implementer sees: operations with their body schemas,
// and per component schema its type, properties (each with the component that declares it),
// required names, enum values, discriminator mapping and the direction it travels in.
import { getAtPointer, joinPointer } from '../load/source-file.ts';
import { allOfClosure, componentName, isRecord } from '../load/schemas.ts';
import type { SchemaSite } from '../load/schemas.ts';
import { collectRefs } from '../load/spec-set.ts';
import type { Location, SpecSet } from '../load/spec-set.ts';
import { discriminatorMappings } from '../rules/ref-checks.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export type Direction = { request: boolean; response: boolean };

export interface OperationView {
  requestTypes: Map<string, string>; // media type -> schema name
  responses: Map<string, Map<string, string>>; // status -> media type -> schema name
  operationId?: string;
}

export interface PropertyView {
  signature: string;
  enum?: string[];
  /** The component that declares it (the schema itself, or the parent it inherits it from). */
  owner: string;
}

export interface SchemaView {
  type: string;
  properties: Map<string, PropertyView>;
  required: Map<string, string>; // name -> owner
  enum?: string[];
  mapping: Map<string, string>; // discriminator value -> schema name
  direction: Direction;
  /** Whether any path reaches it: a schema no path uses is invisible on the wire. */
  used: boolean;
}

export interface SpecView {
  operations: Map<string, OperationView>; // "POST /path"
  paths: Set<string>;
  schemas: Map<string, SchemaView>;
}

function signatureOf(set: SpecSet, site: SchemaSite, depth = 0): string {
  const schema = site.schema;
  if (typeof schema.$ref === 'string') {
    const target = set.follow(site.file, schema.$ref);
    return target
      ? (componentName(target.target.pointer) ?? target.target.pointer)
      : `unresolved ${schema.$ref}`;
  }
  const type = Array.isArray(schema.type)
    ? schema.type.join('|')
    : typeof schema.type === 'string'
      ? schema.type
      : 'any';
  const format = typeof schema.format === 'string' ? `(${schema.format})` : '';
  if (type === 'array' && isRecord(schema.items) && depth < 5) {
    return `array<${signatureOf(set, { file: site.file, pointer: joinPointer(site.pointer, 'items'), schema: schema.items }, depth + 1)}>`;
  }
  return `${type}${format}`;
}

function schemaNameAt(set: SpecSet, file: string, schema: unknown): string {
  if (!isRecord(schema)) return 'none';
  return signatureOf(set, { file, pointer: '', schema });
}

export function viewOf(set: SpecSet): SpecView {
  const operations = new Map<string, OperationView>();
  const paths = new Set<string>();
  const requestRoots: Location[] = [];
  const responseRoots: Location[] = [];
  for (const root of set.roots) {
    const pathItems = getAtPointer(set.file(root)?.data, '/paths');
    if (!isRecord(pathItems)) continue;
    for (const [path, item] of Object.entries(pathItems)) {
      if (!isRecord(item)) continue;
      paths.add(path);
      for (const method of METHODS) {
        const operation = item[method];
        if (!isRecord(operation)) continue;
        const view: OperationView = { requestTypes: new Map(), responses: new Map() };
        if (typeof operation.operationId === 'string') view.operationId = operation.operationId;
        const at = joinPointer('/paths', path, method);
        const content = isRecord(operation.requestBody) ? operation.requestBody.content : undefined;
        if (isRecord(content)) {
          for (const [mediaType, media] of Object.entries(content)) {
            const schema = isRecord(media) ? media.schema : undefined;
            view.requestTypes.set(mediaType, schemaNameAt(set, root, schema));
            requestRoots.push({
              file: root,
              pointer: joinPointer(at, 'requestBody', 'content', mediaType),
            });
          }
        }
        if (isRecord(operation.responses)) {
          for (const [status, response] of Object.entries(operation.responses)) {
            const media = new Map<string, string>();
            const responseContent = isRecord(response) ? response.content : undefined;
            if (isRecord(responseContent)) {
              for (const [mediaType, body] of Object.entries(responseContent)) {
                media.set(
                  mediaType,
                  schemaNameAt(set, root, isRecord(body) ? body.schema : undefined),
                );
                responseRoots.push({
                  file: root,
                  pointer: joinPointer(at, 'responses', status, 'content', mediaType),
                });
              }
            }
            view.responses.set(status, media);
          }
        }
        operations.set(`${method.toUpperCase()} ${path}`, view);
      }
    }
  }

  // Which components travel in requests, which in responses (through refs and mappings).
  const mappings = discriminatorMappings(set);
  const reach = (starts: Location[]): Set<string> => {
    const names = new Set<string>();
    const seen = new Set<string>();
    const queue = [...starts];
    while (queue.length > 0) {
      const location = queue.pop() as Location;
      const key = `${location.file}#${location.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const name = /^\/components\/schemas\/([^/]+)/.exec(location.pointer)?.[1];
      if (name) names.add(name);
      for (const { ref } of collectRefs(
        getAtPointer(set.file(location.file)?.data, location.pointer),
      )) {
        const next = typeof ref === 'string' ? set.follow(location.file, ref) : undefined;
        if (next) queue.push(next.target);
      }
      for (const entry of mappings) {
        if (
          entry.target &&
          entry.base.file === location.file &&
          entry.base.pointer.startsWith(location.pointer)
        ) {
          queue.push(entry.target.location);
        }
      }
    }
    return names;
  };
  const inRequests = reach(requestRoots);
  const inResponses = reach(responseRoots);

  const schemas = new Map<string, SchemaView>();
  for (const file of [...set.roots, ...set.files.keys()]) {
    const components = getAtPointer(set.file(file)?.data, '/components/schemas');
    if (!isRecord(components)) continue;
    for (const [name, schema] of Object.entries(components)) {
      if (schemas.has(name) || !isRecord(schema)) continue;
      const site: SchemaSite = {
        file,
        pointer: joinPointer('/components/schemas', name),
        schema,
        component: name,
      };
      // Everything the schema has, inherited included, each with the component declaring it:
      // a change made in a parent is reported once, on the parent (see diffViews).
      const parts = allOfClosure(set, site);
      const properties = new Map<string, PropertyView>();
      const required = new Map<string, string>();
      for (const part of parts) {
        const owner = /^\/components\/schemas\/([^/]+)/.exec(part.pointer)?.[1] ?? name;
        if (Array.isArray(part.schema.required)) {
          for (const n of part.schema.required)
            if (typeof n === 'string' && !required.has(n)) required.set(n, owner);
        }
        if (!isRecord(part.schema.properties)) continue;
        for (const [property, propertySchema] of Object.entries(part.schema.properties)) {
          if (!isRecord(propertySchema) || properties.has(property)) continue;
          const propertySite = {
            file: part.file,
            pointer: joinPointer(part.pointer, 'properties', property),
            schema: propertySchema,
          };
          const values = Array.isArray(propertySchema.enum)
            ? propertySchema.enum.map(String)
            : undefined;
          properties.set(property, {
            signature: signatureOf(set, propertySite),
            owner,
            ...(values ? { enum: values } : {}),
          });
        }
      }
      const mapping = new Map<string, string>();
      for (const entry of mappings) {
        if (entry.base.file === site.file && entry.base.pointer === site.pointer && entry.target) {
          mapping.set(
            entry.key,
            componentName(entry.target.location.pointer) ?? String(entry.value),
          );
        }
      }
      const used = inRequests.has(name) || inResponses.has(name);
      schemas.set(name, {
        type: signatureOf(set, site),
        properties,
        required,
        ...(Array.isArray(schema.enum) ? { enum: schema.enum.map(String) } : {}),
        mapping,
        used,
        // A schema no path uses could be used either way: judge it as both.
        direction: used
          ? { request: inRequests.has(name), response: inResponses.has(name) }
          : { request: true, response: true },
      });
    }
  }
  return { operations, paths, schemas };
}
