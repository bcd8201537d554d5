// Validating documents against any schema of a spec set, as the editor wrote it (any version,
// any file layout, broken references included). Each file is handed to Ajv under its own file
// URL after three repairs: references are rewritten to where they really lead (bare names
// included, so one broken `$ref` does not hide the rest), patterns are made JavaScript-safe,
// and references to a discriminator base dispatch on the discriminator value, because Ajv's
// own discriminator support cannot follow mappings to schemas that inherit the base.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { pathToFileURL } from 'node:url';
import { isRecord, siteKey } from './load/schemas.ts';
import type { Location, SpecSet } from './load/spec-set.ts';
import { compilePattern } from '../spec/index.ts';
import { discriminatorMappings } from './rules/ref-checks.ts';

export interface SchemaIssue {
  /** RFC 6901 pointer into the validated document. */
  pointer: string;
  message: string;
  keyword: string;
}

export type CheckResult = { valid: boolean; issues: SchemaIssue[] } | { error: string };

export interface SchemaChecker {
  check(schema: Location, document: unknown): CheckResult;
}

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

// Keywords whose values are data, not schemas: a `$ref` inside an example is not a reference.
const DATA_KEYWORDS = new Set(['examples', 'example', 'enum', 'const', 'default']);

const DISPATCH_ID = 'urn:eb-conform:dispatch';

function fileId(path: string): string {
  return pathToFileURL(path).href;
}

function refTo(location: Location): string {
  const fragment = location.pointer
    .split('/')
    .map((token) => encodeURIComponent(token))
    .join('/');
  return `${fileId(location.file)}#${fragment}`;
}

export function createSchemaChecker(set: SpecSet): SchemaChecker {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    logger: false,
    validateSchema: false,
    validateFormats: true,
  });
  addFormats(ajv);
  const int = (bits: number) => (value: number) =>
    Number.isInteger(value) && Math.abs(value) <= 2 ** (bits - 1);
  ajv.addFormat('int32', { type: 'number', validate: int(32) });
  ajv.addFormat('int64', { type: 'number', validate: int(64) });
  for (const name of ['float', 'double'])
    ajv.addFormat(name, { type: 'number', validate: () => true });
  for (const name of ['byte', 'binary', 'password']) ajv.addFormat(name, () => true);
  ajv.addFormat('url', (value: string) => URL.canParse(value));

  // Which bases dispatch, and to what: base site -> [discriminator value, property, target].
  const dispatch = new Map<
    string,
    { property: string; cases: { value: string; target: Location }[] }
  >();
  for (const entry of discriminatorMappings(set)) {
    const property = isRecord(entry.base.schema.discriminator)
      ? entry.base.schema.discriminator.propertyName
      : undefined;
    if (!entry.target || typeof property !== 'string') continue;
    const key = siteKey(entry.base);
    const known = dispatch.get(key) ?? { property, cases: [] };
    known.cases.push({ value: entry.key, target: entry.target.location });
    dispatch.set(key, known);
  }
  const wrappers: Record<string, unknown> = {};
  const wrapperIds = new Map<string, string>();
  for (const [key, { property, cases }] of dispatch) {
    const name = `w${wrapperIds.size}`;
    wrapperIds.set(key, `${DISPATCH_ID}#/$defs/${name}`);
    const [file, pointer] = [key.slice(0, key.indexOf('#')), key.slice(key.indexOf('#') + 1)];
    wrappers[name] = {
      allOf: [
        { $ref: refTo({ file, pointer }) },
        { properties: { [property]: { enum: cases.map((c) => c.value) } } },
        ...cases
          .filter((c) => siteKey(c.target) !== key)
          .map((c) => ({
            if: { properties: { [property]: { const: c.value } }, required: [property] },
            then: { $ref: refTo(c.target) },
          })),
      ],
    };
  }

  const repair = (file: string, node: unknown, parentKey: string | undefined): unknown => {
    if (Array.isArray(node)) return node.map((item) => repair(file, item, parentKey));
    if (!isRecord(node)) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (parentKey !== 'properties' && DATA_KEYWORDS.has(key)) {
        copy[key] = value;
      } else {
        copy[key] = repair(file, value, key);
      }
    }
    if (typeof copy.$ref === 'string') {
      const target = set.follow(file, copy.$ref);
      if (!target || target.target.file.includes('://')) {
        // Unresolvable or remote: accept anything rather than refuse the whole schema.
        delete copy.$ref;
      } else {
        // Inheritance (a direct allOf part) must see the plain base, or dispatch would loop.
        const wrapper = parentKey === 'allOf' ? undefined : wrapperIds.get(siteKey(target.target));
        copy.$ref = wrapper ?? refTo(target.target);
      }
    }
    if (typeof copy.pattern === 'string') {
      const regexp = compilePattern(copy.pattern);
      if (regexp) copy.pattern = regexp.source;
      else delete copy.pattern;
    }
    return copy;
  };

  for (const source of set.files.values()) {
    if (source.data === undefined) continue;
    const repaired = repair(source.path, source.data, undefined) as Record<string, unknown>;
    if (isRecord(repaired))
      ajv.addSchema({ ...repaired, $id: fileId(source.path) }, fileId(source.path));
  }
  ajv.addSchema({ $id: DISPATCH_ID, $defs: wrappers });

  const compiled = new Map<string, ValidateFunction | string>();
  return {
    check(schema, document) {
      const key = siteKey(schema);
      if (!compiled.has(key)) {
        try {
          const wrapper = wrapperIds.get(key);
          const validate = ajv.getSchema(wrapper ?? refTo(schema));
          compiled.set(
            key,
            validate ?? `no schema at ${set.display(schema.file)}#${schema.pointer}`,
          );
        } catch (error) {
          compiled.set(key, `schema does not compile: ${(error as Error).message}`);
        }
      }
      const validate = compiled.get(key) as ValidateFunction | string;
      if (typeof validate === 'string') return { error: validate };
      const valid = validate(document) as boolean;
      return { valid, issues: valid ? [] : describeErrors(validate.errors ?? []) };
    },
  };
}

/** Ajv errors in plain English, minus the noise of `if`/`allOf` wrappers. */
export function describeErrors(errors: ErrorObject[]): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    let pointer = error.instancePath;
    let message = error.message ?? 'is invalid';
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      pointer = `${pointer}/${String(params.missingProperty)}`;
      message = `is required but missing`;
    } else if (error.keyword === 'additionalProperties') {
      pointer = `${pointer}/${String(params.additionalProperty)}`;
      message = 'is not allowed here';
    } else if (error.keyword === 'enum') {
      message = `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    } else if (error.keyword === 'pattern') {
      message = `does not match the pattern ${String(params.pattern)}`;
    }
    const text = `${pointer || '/'} ${message}`;
    if (seen.has(text)) continue;
    seen.add(text);
    issues.push({ pointer, message, keyword: error.keyword });
  }
  return issues;
}
