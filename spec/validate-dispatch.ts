// Kind dispatch: a polymorphic part (executable, compute, data...) is checked against the schema
// its kind URI names. The project spec says which schemas with `x-eb-kinds` (canonical kind names,
// spelled per profile); upstream descriptions say it with a discriminator mapping on each base.

import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { DataValidationCxt, SchemaValidateFunction } from 'ajv/dist/types/index.js';
import { isObject, type JsonObject } from './load.ts';
import { escapeToken } from './validate-messages.ts';

export const KINDS_KEYWORD = 'x-eb-kinds';

export interface Resolution {
  /** `#/components/schemas/<Name>` of the concrete schema, if the kind is known. */
  target: string | undefined;
  expected: string[];
  hint: string;
}

export const MAPPING_KEYWORD = 'x-eb-mapping';
export const SLOT_SUFFIX = '--dispatch';

/**
 * Upstream descriptions (no `x-eb-kinds`) put a discriminator mapping on each abstract base,
 * and concrete schemas include that base through `allOf`. Dispatching on the base itself would
 * loop, so each such base gets a dispatching copy, and every $ref that uses the base as a
 * value (not as an `allOf` parent) is pointed at the copy. Our own spec is left as it is.
 */
export function withMappingDispatch(schemas: JsonObject): JsonObject {
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

/**
 * A dispatching keyword: checks a polymorphic part against the schema its kind URI names.
 * `resolve` turns the keyword's value and the URI into that schema's $ref.
 */
export function dispatcher<T>(
  property: string,
  validatorForRef: (ref: string) => ValidateFunction,
  resolve: (value: T, uri: string) => Resolution,
): SchemaValidateFunction {
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
    const check = validatorForRef(target);
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
