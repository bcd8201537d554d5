// Validation issues in plain English: what Ajv reports, reworded with the value that was found
// and placed on the document's own pointer.

import type { ErrorObject } from 'ajv/dist/2020.js';
import { isObject, type JsonObject } from './load.ts';

/** `/a/b` + issue: the one-line form used in reports and on the command line. */
/** One problem found in a document, where it is and what is wrong, in plain English. */
export interface ValidationIssue {
  /** RFC 6901 pointer into the validated document ('' is the whole document). */
  pointer: string;
  /** Plain English, without the pointer, e.g. `must be an integer (got "two")`. */
  message: string;
  /** The JSON Schema keyword that failed, or `kind` for an unknown kind URI. */
  keyword: string;
  schemaPath: string;
}

export function formatIssue(issue: ValidationIssue): string {
  return `${issue.pointer === '' ? '(document)' : issue.pointer}: ${issue.message}`;
}

export function escapeToken(token: string): string {
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

export function plainMessage(
  error: ErrorObject,
  doc: unknown,
): { pointer: string; message: string } {
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
