// Validation of ExecutionBroker documents against a bundled spec, in one profile's wire format.
//
// The schemas describe each polymorphic part (executable, compute, volumes, storage, data, costs,
// metrics, options, updates, sessions) once, with an `x-eb-kinds` map from canonical kind names
// to the concrete schemas. Which URI spells which kind depends on the wire version, so the
// dispatch happens here, through the profile, rather than in an enum baked into the schema: the
// same spec validates v1.0.7 and v1.0.5 documents.

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { DataValidationCxt, SchemaValidateFunction } from 'ajv/dist/types/index.js';
import addFormatsModule from 'ajv-formats';
import { isObject, loadSpec, type BundledSpec, type JsonObject } from './load.ts';
import { renameDiscriminator } from './wire.ts';
import {
  kindName,
  kindNameIn,
  resolveProfile,
  type KindName,
  type Profile,
  type ProfileName,
} from './profiles.ts';

export interface ValidationIssue {
  /** RFC 6901 pointer into the validated document ('' is the whole document). */
  pointer: string;
  /** Plain English, without the pointer, e.g. `must be an integer (got "two")`. */
  message: string;
  /** The JSON Schema keyword that failed, or `kind` for an unknown kind URI. */
  keyword: string;
  schemaPath: string;
}

export interface ValidationResult {
  valid: boolean;
  issues: ValidationIssue[];
}

export interface Validator {
  readonly profile: Profile;
  readonly spec: BundledSpec;
  validate(type: string, doc: unknown): ValidationResult;
  /** Document types and schema names `validate` accepts. */
  types(): string[];
}

export interface ValidatorOptions {
  profile?: ProfileName | Profile;
  spec?: BundledSpec;
}

/** The document types the broker exchanges; any other schema name works too. */
export const DOCUMENT_TYPES = [
  'ExecutionRequest',
  'OfferSetResponse',
  'ExecutionSession',
  'Update',
  'MessageItem',
  'ErrorResponse',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

// Names other parts of the ecosystem use for the same documents.
const ALIASES: Record<string, string> = {
  OfferSetRequest: 'ExecutionRequest',
  OfferSet: 'OfferSetResponse',
  Session: 'ExecutionSession',
  ExecutionSessionResponse: 'ExecutionSession',
  AbstractExecutionSession: 'ExecutionSession',
  AbstractUpdate: 'Update',
  UpdateRequest: 'Update',
  AbstractOption: 'Option',
  Message: 'MessageItem',
  Error: 'ErrorResponse',
};

const SCHEMA_ID = 'https://eb-conform.invalid/spec.json';
const KINDS_KEYWORD = 'x-eb-kinds';

/** `/a/b` + issue: the one-line form used in reports and on the command line. */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.pointer === '' ? '(document)' : issue.pointer}: ${issue.message}`;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

function article(type: string): string {
  return /^[aeiou]/i.test(type) ? `an ${type}` : `a ${type}`;
}

/** The value at an Ajv instance path, read from the document itself (Ajv's own copy is unreliable across dispatch). */
function valueAt(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

function plainMessage(error: ErrorObject, doc: unknown): { pointer: string; message: string } {
  const params = error.params as Record<string, unknown>;
  const got = `(got ${describe(valueAt(doc, error.instancePath))})`;
  const parent = (error.parentSchema ?? {}) as JsonObject;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: `${error.instancePath}/${escapeToken(String(params.missingProperty))}`,
        message: 'is required but missing',
      };
    case 'additionalProperties':
      return {
        pointer: `${error.instancePath}/${escapeToken(String(params.additionalProperty))}`,
        message: 'is not allowed here',
      };
    case 'type': {
      const types = String(params.type).split(',').map(article).join(' or ');
      return { pointer: error.instancePath, message: `must be ${types} ${got}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => String(v)).join(', ');
      return { pointer: error.instancePath, message: `must be one of ${allowed} ${got}` };
    }
    case 'const':
      return {
        pointer: error.instancePath,
        message: `must be ${JSON.stringify(params.allowedValue)} ${got}`,
      };
    case 'pattern': {
      const title = typeof parent.title === 'string' ? parent.title : undefined;
      const example = Array.isArray(parent.examples) ? parent.examples[0] : undefined;
      const what =
        title !== undefined
          ? `${article(title)}${example !== undefined ? ` such as ${String(example)}` : ''}`
          : `a string matching ${String(params.pattern)}`;
      return { pointer: error.instancePath, message: `must be ${what} ${got}` };
    }
    case 'format':
      return {
        pointer: error.instancePath,
        message: `must be a valid ${String(params.format)} ${got}`,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        pointer: error.instancePath,
        message: `must be ${String(params.comparison)} ${String(params.limit)} ${got}`,
      };
    case 'minLength':
      return {
        pointer: error.instancePath,
        message:
          params.limit === 1
            ? 'must not be empty'
            : `must be at least ${String(params.limit)} characters long`,
      };
    case 'maxLength':
      return {
        pointer: error.instancePath,
        message: `must be at most ${String(params.limit)} characters long`,
      };
    case 'minItems':
      return {
        pointer: error.instancePath,
        message: `must have at least ${String(params.limit)} item(s)`,
      };
    case 'maxItems':
      return {
        pointer: error.instancePath,
        message: `must have at most ${String(params.limit)} item(s)`,
      };
    default:
      return { pointer: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  }
}

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

function isInteger(min: number, max: number): (n: number) => boolean {
  return (n) => Number.isInteger(n) && n >= min && n <= max;
}

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    verbose: true,
    logger: false,
    validateFormats: true,
  });
  addFormats(ajv);
  // OpenAPI's numeric formats: JSON Schema leaves unknown formats to the validator.
  ajv.addFormat('int32', { type: 'number', validate: isInteger(-(2 ** 31), 2 ** 31 - 1) });
  ajv.addFormat('int64', {
    type: 'number',
    validate: isInteger(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('url', { type: 'string', validate: (s: string) => URL.canParse(s) });
  // OpenAPI annotations, not assertions; the discriminator is dispatched through the profile.
  ajv.addVocabulary(['xml', 'example', 'discriminator', 'externalDocs']);
  return ajv;
}

interface Resolution {
  /** `#/components/schemas/<Name>` of the concrete schema, if the kind is known. */
  target: string | undefined;
  expected: string[];
  hint: string;
}

const MAPPING_KEYWORD = 'x-eb-mapping';
const SLOT_SUFFIX = '--dispatch';

/**
 * Upstream descriptions (no `x-eb-kinds`) put a discriminator mapping on each abstract base,
 * and concrete schemas include that base through `allOf`. Dispatching on the base itself would
 * loop, so each such base gets a dispatching copy, and every $ref that uses the base as a
 * value (not as an `allOf` parent) is pointed at the copy. Our own spec is left as it is.
 */
function withMappingDispatch(schemas: JsonObject): JsonObject {
  const local = (ref: string): string | undefined => {
    const name = ref.includes('#/components/schemas/')
      ? ref.split('#/components/schemas/')[1]
      : ref;
    return name !== undefined && !name.includes('/') && name in schemas ? name : undefined;
  };
  const slots: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema) || KINDS_KEYWORD in schema || !isObject(schema.discriminator)) continue;
    const { propertyName, mapping } = schema.discriminator;
    if (!isObject(mapping)) continue;
    const targets: Record<string, string> = {};
    for (const [uri, ref] of Object.entries(mapping)) {
      const target = typeof ref === 'string' ? local(ref) : undefined;
      if (target !== undefined) targets[uri] = `#/components/schemas/${escapeToken(target)}`;
    }
    slots[`${name}${SLOT_SUFFIX}`] = {
      allOf: [{ $ref: `#/components/schemas/${escapeToken(name)}` }],
      [MAPPING_KEYWORD]: {
        property: typeof propertyName === 'string' ? propertyName : 'kind',
        mapping: targets,
      },
    };
  }
  if (Object.keys(slots).length === 0) return schemas;
  const redirect = (node: unknown, inAllOf: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => redirect(item, inAllOf));
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] =
        key === 'allOf' && Array.isArray(value)
          ? value.map((v) => redirect(v, true))
          : redirect(value, false);
    }
    if (!inAllOf && typeof out.$ref === 'string') {
      const slot = `${out.$ref}${SLOT_SUFFIX}`;
      if (slot.replace('#/components/schemas/', '') in slots) out.$ref = slot;
    }
    return out;
  };
  return { ...(redirect(schemas, false) as JsonObject), ...slots };
}

class SpecValidator implements Validator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Per-call lookups that depend only on their arguments, kept off the hot path. */
  private readonly byRef = new Map<string, ValidateFunction>();
  private readonly names = new Map<string, string | undefined>();
  private readonly unwrapped = new Map<string, boolean>();
  private readonly schemaNames: string[];
  private readonly schemas: JsonObject;
  /** Names of the dispatching copies made for upstream discriminators (see withMappingDispatch). */
  private readonly slots: Set<string>;

  constructor(
    readonly spec: BundledSpec,
    readonly profile: Profile,
  ) {
    this.ajv = createAjv();
    const components = isObject(spec.document.components) ? spec.document.components : {};
    const schemas = isObject(components.schemas) ? components.schemas : {};
    this.schemaNames = Object.keys(schemas);
    this.schemas = schemas;
    const renamed =
      profile.discriminator === 'kind'
        ? schemas
        : (renameDiscriminator(schemas, profile.discriminator) as JsonObject);
    const wire = withMappingDispatch(renamed);
    this.slots = new Set(Object.keys(wire).filter((name) => name.endsWith(SLOT_SUFFIX)));
    this.ajv.addKeyword({
      keyword: KINDS_KEYWORD,
      schemaType: 'object',
      errors: true,
      validate: this.dispatcher((kinds: Record<string, string>, uri) => this.byProfile(kinds, uri)),
    });
    this.ajv.addKeyword({
      keyword: MAPPING_KEYWORD,
      schemaType: 'object',
      errors: true,
      validate: this.dispatcher((mapping: Record<string, string>, uri) => {
        const target = Object.hasOwn(mapping, uri) ? mapping[uri] : undefined;
        return { target, expected: target === undefined ? Object.keys(mapping) : [], hint: '' };
      }),
    });
    this.ajv.addSchema({ $id: SCHEMA_ID, components: { schemas: wire } });
  }

  private byProfile(kinds: Record<string, string>, uri: string): Resolution {
    const name = kindNameIn(this.profile, uri);
    const target = name === undefined ? undefined : kinds[name];
    // The usual case; the list and the hint are only for the message of an unknown kind.
    if (target !== undefined) return { target, expected: [], hint: '' };
    const expected = Object.keys(kinds)
      .map((k) => this.profile.kinds[k as KindName])
      .filter((u): u is string => u !== undefined);
    const elsewhere = kindName(uri);
    const hint =
      elsewhere !== undefined && elsewhere.profile !== this.profile.name
        ? `; that is the ${elsewhere.profile} URI of ${elsewhere.name}`
        : '';
    return { target, expected, hint };
  }

  types(): string[] {
    return [...new Set([...DOCUMENT_TYPES, ...this.schemaNames])];
  }

  validate(type: string, doc: unknown): ValidationResult {
    const name = this.schemaName(type);
    if (name === undefined) {
      throw new Error(
        `unknown document type "${type}" (expected one of ${DOCUMENT_TYPES.join(', ')}, or a schema name)`,
      );
    }
    let body = doc;
    let prefix = '';
    const wrapper = this.profile.update.wrapper;
    // Unwrap unless the schema is itself the envelope (as the draft's own UpdateRequest is).
    const unwrap = wrapper !== undefined && this.unwraps(type, name, wrapper);
    if (unwrap) {
      if (!isObject(doc) || !(wrapper in doc)) {
        return {
          valid: false,
          issues: [
            {
              pointer: `/${wrapper}`,
              message: `is required but missing (${this.profile.name} wraps updates in "${wrapper}")`,
              keyword: 'required',
              schemaPath: '#/required',
            },
          ],
        };
      }
      body = doc[wrapper];
      prefix = `/${escapeToken(wrapper)}`;
    }
    const slot = `${name}${SLOT_SUFFIX}`;
    const check = this.validatorFor(this.slots.has(slot) ? slot : name);
    if (check(body)) return { valid: true, issues: [] };
    return { valid: false, issues: this.toIssues(check.errors ?? [], prefix, body) };
  }

  /** Whether `type` is an update this profile wraps, unless the schema is itself the envelope. */
  private unwraps(type: string, name: string, wrapper: string): boolean {
    let unwrap = this.unwrapped.get(type);
    if (unwrap === undefined) {
      unwrap =
        (ALIASES[type] ?? type) === 'Update' &&
        !JSON.stringify(this.schemas[name] ?? {}).includes(`"${wrapper}":`);
      this.unwrapped.set(type, unwrap);
    }
    return unwrap;
  }

  /** The schema a type name means here: itself, or a synonym this spec uses (upstream names differ). */
  private schemaName(type: string): string | undefined {
    if (this.names.has(type)) return this.names.get(type);
    const name = this.findSchemaName(type);
    // Bounded: arbitrary unknown names (which throw anyway) are not remembered.
    if (name !== undefined) this.names.set(type, name);
    return name;
  }

  private findSchemaName(type: string): string | undefined {
    const canonical = ALIASES[type] ?? type;
    const synonyms = Object.keys(ALIASES).filter((alias) => ALIASES[alias] === canonical);
    return [type, canonical, ...synonyms].find((name) => this.schemaNames.includes(name));
  }

  private validatorFor(name: string): ValidateFunction {
    let fn = this.compiled.get(name);
    if (fn === undefined) {
      const ref = `${SCHEMA_ID}#/components/schemas/${escapeToken(name)}`;
      fn = this.ajv.getSchema(ref);
      if (fn === undefined) throw new Error(`schema ${name} cannot be compiled`);
      this.compiled.set(name, fn);
    }
    return fn;
  }

  private validatorForRef(ref: string): ValidateFunction {
    let fn = this.byRef.get(ref);
    if (fn === undefined) {
      fn = this.validatorFor(ref.replace(/^#\/components\/schemas\//, ''));
      this.byRef.set(ref, fn);
    }
    return fn;
  }

  private toIssues(errors: ErrorObject[], prefix: string, doc: unknown): ValidationIssue[] {
    const seen = new Set<string>();
    const issues: ValidationIssue[] = [];
    for (const error of errors) {
      const { pointer, message } =
        error.keyword === 'kind'
          ? { pointer: error.instancePath, message: error.message ?? 'unknown kind' }
          : plainMessage(error, doc);
      const issue = {
        pointer: prefix + pointer,
        message,
        keyword: error.keyword,
        schemaPath: error.schemaPath,
      };
      const key = `${issue.pointer}\u0000${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(issue);
    }
    return issues;
  }

  /**
   * A dispatching keyword: checks a polymorphic part against the schema its kind URI names.
   * `resolve` turns the keyword's value and the URI into that schema's $ref.
   */
  private dispatcher<T>(resolve: (value: T, uri: string) => Resolution): SchemaValidateFunction {
    const property = this.profile.discriminator;
    const validate: SchemaValidateFunction = (
      value: T & { property?: string; mapping?: Record<string, string> },
      data: unknown,
      _parent?: unknown,
      context?: DataValidationCxt,
    ): boolean => {
      validate.errors = undefined;
      const member = typeof value.property === 'string' ? value.property : property;
      // A missing or non-string kind is the base schema's to report.
      if (!isObject(data) || typeof data[member] !== 'string') return true;
      const uri = data[member];
      const here = context?.instancePath ?? '';
      const { target, expected, hint } = resolve((value.mapping ?? value) as T, uri);
      if (target === undefined) {
        validate.errors = [
          {
            keyword: 'kind',
            instancePath: `${here}/${escapeToken(member)}`,
            schemaPath: '#/kind',
            params: { kind: uri },
            message: `unknown kind ${uri} (expected one of ${expected.join(', ') || 'none in this profile'})${hint}`,
          },
        ];
        return false;
      }
      const check = this.validatorForRef(target);
      if (check(data)) return true;
      validate.errors = (check.errors ?? []).map((e) => ({
        ...e,
        instancePath: here + e.instancePath,
        schemaPath: `${target}${e.schemaPath.slice(1)}`,
      }));
      return false;
    };
    return validate;
  }
}

const cache = new Map<string, Validator>();

/** A validator for one spec and profile; compiled once and cached, so call it freely. */
export function createValidator(options: ValidatorOptions = {}): Validator {
  const profile = resolveProfile(options.profile);
  const spec = options.spec ?? loadSpec();
  const key = `${spec.specHash}|${profile.name}|${JSON.stringify(profile.kinds)}|${profile.discriminator}|${profile.update.wrapper ?? ''}`;
  let validator = cache.get(key);
  if (validator === undefined) {
    validator = new SpecValidator(spec, profile);
    cache.set(key, validator);
  }
  return validator;
}
