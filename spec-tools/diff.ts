// `eb-conform spec diff`: what changed between two versions of the description, in the terms
// an implementer cares about, each change marked breaking or not. Whether a change breaks
// depends on the direction a schema travels: a new required property breaks clients that
// send it (requests), a new enum value breaks clients that read it (responses).
import { InputError } from './input-error.ts';
import { getAtPointer, joinPointer } from './load/source-file.ts';
import { allOfClosure, componentName, isRecord } from './load/schemas.ts';
import type { SchemaSite } from './load/schemas.ts';
import { collectRefs, openSpecSet } from './load/spec-set.ts';
import type { Location, SpecSet } from './load/spec-set.ts';
import { discriminatorMappings } from './rules/ref-checks.ts';

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
  change: 'added' | 'removed' | 'changed';
  /** Where, in words: "POST /requests", "schema OfferSetResponse, property offers". */
  where: string;
  detail: string;
  breaking: boolean;
}

export interface DiffReport {
  old: string;
  new: string;
  changes: Change[];
  summary: { total: number; breaking: number; nonBreaking: number };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Direction = { request: boolean; response: boolean };

interface OperationView {
  requestTypes: Map<string, string>; // media type -> schema name
  responses: Map<string, Map<string, string>>; // status -> media type -> schema name
  operationId?: string;
}

interface PropertyView {
  signature: string;
  enum?: string[];
  /** The component that declares it (the schema itself, or the parent it inherits it from). */
  owner: string;
}

interface SchemaView {
  type: string;
  properties: Map<string, PropertyView>;
  required: Map<string, string>; // name -> owner
  enum?: string[];
  mapping: Map<string, string>; // discriminator value -> schema name
  direction: Direction;
}

interface SpecView {
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

function viewOf(set: SpecSet): SpecView {
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
        // A schema no path uses could be used either way: judge it as both.
        direction: used
          ? { request: inRequests.has(name), response: inResponses.has(name) }
          : { request: true, response: true },
      });
    }
  }
  return { operations, paths, schemas };
}

function setDiff<T>(before: Iterable<T>, after: Iterable<T>): { added: T[]; removed: T[] } {
  const a = new Set(before);
  const b = new Set(after);
  return { added: [...b].filter((x) => !a.has(x)), removed: [...a].filter((x) => !b.has(x)) };
}

function enumChanges(
  where: string,
  before: string[] | undefined,
  after: string[] | undefined,
  direction: Direction,
): Change[] {
  if (!before || !after) return [];
  const { added, removed } = setDiff(before, after);
  return [
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

export function diffViews(before: SpecView, after: SpecView): Change[] {
  const changes: Change[] = [];
  const paths = setDiff(before.paths, after.paths);
  paths.added.forEach((path) =>
    changes.push({
      kind: 'path',
      change: 'added',
      where: path,
      detail: 'new path',
      breaking: false,
    }),
  );
  paths.removed.forEach((path) =>
    changes.push({
      kind: 'path',
      change: 'removed',
      where: path,
      detail: 'path removed',
      breaking: true,
    }),
  );

  const operations = setDiff(before.operations.keys(), after.operations.keys());
  const pathOf = (key: string) => key.slice(key.indexOf(' ') + 1);
  // A whole path coming or going has been said already; its operations need not be repeated.
  operations.added = operations.added.filter((key) => !paths.added.includes(pathOf(key)));
  operations.removed = operations.removed.filter((key) => !paths.removed.includes(pathOf(key)));
  for (const key of operations.added)
    changes.push({
      kind: 'operation',
      change: 'added',
      where: key,
      detail: 'new operation',
      breaking: false,
    });
  for (const key of operations.removed)
    changes.push({
      kind: 'operation',
      change: 'removed',
      where: key,
      detail: 'operation removed',
      breaking: true,
    });
  for (const [key, old] of before.operations) {
    const now = after.operations.get(key);
    if (!now) continue;
    if (old.operationId !== now.operationId) {
      changes.push({
        kind: 'operation',
        change: 'changed',
        where: key,
        detail: `operationId ${old.operationId ?? '-'} -> ${now.operationId ?? '-'} (generated client method names change)`,
        breaking: false,
      });
    }
    const media = setDiff(old.requestTypes.keys(), now.requestTypes.keys());
    media.added.forEach((type) =>
      changes.push({
        kind: 'media-type',
        change: 'added',
        where: `${key} request`,
        detail: `accepts ${type}`,
        breaking: false,
      }),
    );
    media.removed.forEach((type) =>
      changes.push({
        kind: 'media-type',
        change: 'removed',
        where: `${key} request`,
        detail: `no longer accepts ${type}`,
        breaking: true,
      }),
    );
    for (const [type, schema] of old.requestTypes) {
      const newSchema = now.requestTypes.get(type);
      if (newSchema !== undefined && newSchema !== schema) {
        changes.push({
          kind: 'body-schema',
          change: 'changed',
          where: `${key} request ${type}`,
          detail: `${schema} -> ${newSchema}`,
          breaking: true,
        });
      }
    }
    const statuses = setDiff(old.responses.keys(), now.responses.keys());
    statuses.added.forEach((status) =>
      changes.push({
        kind: 'response',
        change: 'added',
        where: key,
        detail: `new ${status} response`,
        breaking: false,
      }),
    );
    statuses.removed.forEach((status) =>
      changes.push({
        kind: 'response',
        change: 'removed',
        where: key,
        detail: `${status} response removed`,
        breaking: true,
      }),
    );
    for (const [status, oldMedia] of old.responses) {
      const newMedia = now.responses.get(status);
      if (!newMedia) continue;
      const types = setDiff(oldMedia.keys(), newMedia.keys());
      types.added.forEach((type) =>
        changes.push({
          kind: 'media-type',
          change: 'added',
          where: `${key} ${status}`,
          detail: `may answer ${type}`,
          breaking: false,
        }),
      );
      types.removed.forEach((type) =>
        changes.push({
          kind: 'media-type',
          change: 'removed',
          where: `${key} ${status}`,
          detail: `no longer answers ${type}`,
          breaking: true,
        }),
      );
      for (const [type, schema] of oldMedia) {
        const newSchema = newMedia.get(type);
        if (newSchema !== undefined && newSchema !== schema) {
          changes.push({
            kind: 'body-schema',
            change: 'changed',
            where: `${key} ${status} ${type}`,
            detail: `${schema} -> ${newSchema}`,
            breaking: true,
          });
        }
      }
    }
  }

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
  schemas.removed.forEach((name) =>
    changes.push({
      kind: 'schema',
      change: 'removed',
      where: `schema ${name}`,
      detail: 'schema removed',
      breaking: true,
    }),
  );
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
      record(owner, {
        kind: 'property',
        change: 'removed',
        where,
        detail: `property ${p} removed`,
        breaking: true,
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
    const kinds = setDiff(old.mapping.keys(), now.mapping.keys());
    kinds.added.forEach((k) =>
      changes.push({
        kind: 'discriminator',
        change: 'added',
        where,
        detail: `kind "${k}" -> ${now.mapping.get(k)} added`,
        breaking: direction.response,
      }),
    );
    kinds.removed.forEach((k) =>
      changes.push({
        kind: 'discriminator',
        change: 'removed',
        where,
        detail: `kind "${k}" removed`,
        breaking: true,
      }),
    );
    for (const [key, target] of old.mapping) {
      const newTarget = now.mapping.get(key);
      if (newTarget !== undefined && newTarget !== target) {
        changes.push({
          kind: 'discriminator',
          change: 'changed',
          where,
          detail: `kind "${key}" now maps to ${newTarget} (was ${target})`,
          breaking: true,
        });
      }
    }
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

/**
 * Opens one side of a diff, refusing what would make every difference a lie: a file that does
 * not parse (its content would count as removed) or something that is no OpenAPI at all.
 */
function openForDiff(path: string): SpecSet {
  const set = openSpecSet(path);
  for (const source of set.files.values()) {
    const [problem] = source.problems;
    if (problem !== undefined) {
      throw new InputError(
        `${set.display(source.path)}:${problem.line} does not parse (${problem.message}); ` +
          `fix it first (eb-conform spec lint ${path} shows every problem)`,
      );
    }
  }
  const described = [...set.files.values()].some(
    (source) =>
      isRecord(source.data) && (isRecord(source.data.paths) || isRecord(source.data.components)),
  );
  if (!described) {
    throw new InputError(`${path} has no paths and no components: is it an OpenAPI description?`);
  }
  return set;
}

export function diffSpecs(oldPath: string, newPath: string): DiffReport {
  const changes = diffViews(viewOf(openForDiff(oldPath)), viewOf(openForDiff(newPath)));
  const breaking = changes.filter((change) => change.breaking).length;
  return {
    old: oldPath,
    new: newPath,
    changes,
    summary: { total: changes.length, breaking, nonBreaking: changes.length - breaking },
  };
}

export function formatDiffText(report: DiffReport): string {
  const lines = [`${report.old} -> ${report.new}`, ''];
  for (const breaking of [true, false]) {
    const selected = report.changes.filter((change) => change.breaking === breaking);
    if (selected.length === 0) continue;
    lines.push(breaking ? 'BREAKING' : 'non-breaking');
    for (const change of selected) {
      const sign = change.change === 'added' ? '+' : change.change === 'removed' ? '-' : '~';
      lines.push(`  ${sign} [${change.kind}] ${change.where}: ${change.detail}`);
    }
    lines.push('');
  }
  const { summary } = report;
  lines.push(
    `${summary.total} change(s): ${summary.breaking} breaking, ${summary.nonBreaking} non-breaking`,
  );
  return lines.join('\n');
}
