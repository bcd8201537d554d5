// Validation of ExecutionBroker documents against a bundled spec, in one profile's wire format.
//
// The schemas describe each polymorphic part (executable, compute, volumes, storage, data, costs,
// metrics, options, updates, sessions) once, with an `x-eb-kinds` map from canonical kind names
// to the concrete schemas. Which URI spells which kind depends on the wire version, so the
// dispatch happens here, through the profile, rather than in an enum baked into the schema: the
// same spec validates v1.0.7 and v1.0.5 documents.

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isObject, loadSpec, type BundledSpec, type JsonObject } from './load.ts';
import { renameDiscriminator } from './wire.ts';
import {
  dispatcher,
  KINDS_KEYWORD,
  MAPPING_KEYWORD,
  SLOT_SUFFIX,
  withMappingDispatch,
  type Resolution,
} from './validate-dispatch.ts';
import { escapeToken, plainMessage, type ValidationIssue } from './validate-messages.ts';
import {
  kindName,
  kindNameIn,
  resolveProfile,
  type KindName,
  type Profile,
  type ProfileName,
} from './profiles.ts';

export { formatIssue } from './validate-messages.ts';

export type { ValidationIssue } from './validate-messages.ts';

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
      validate: dispatcher(
        this.profile.discriminator,
        (ref) => this.validatorForRef(ref),
        (kinds: Record<string, string>, uri) => this.byProfile(kinds, uri),
      ),
    });
    this.ajv.addKeyword({
      keyword: MAPPING_KEYWORD,
      schemaType: 'object',
      errors: true,
      validate: dispatcher(
        this.profile.discriminator,
        (ref) => this.validatorForRef(ref),
        (mapping: Record<string, string>, uri) => {
          const target = Object.hasOwn(mapping, uri) ? mapping[uri] : undefined;
          return { target, expected: target === undefined ? Object.keys(mapping) : [], hint: '' };
        },
      ),
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
