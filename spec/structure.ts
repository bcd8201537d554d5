// A structural check of an OpenAPI 3.1 document: a compact meta-schema for the parts this
// project uses (info, paths, operations, responses, components), plus what a schema cannot say:
// every $ref resolves, every pattern compiles in JavaScript, path templates and parameters
// agree, operationIds are unique, and `x-eb-kinds` maps name existing schemas.

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { patternError } from './patterns.ts';
import { isObject, type JsonObject } from './load.ts';

export interface StructureProblem {
  /** JSON pointer into the OpenAPI document. */
  pointer: string;
  message: string;
}

const ref = { type: 'object', required: ['$ref'], properties: { $ref: { type: 'string' } } };
const orRef = (schema: object): object => ({ anyOf: [ref, schema] });
const mediaTypes = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { schema: { type: ['object', 'boolean'] } } },
};

const response = orRef({
  type: 'object',
  required: ['description'],
  properties: {
    description: { type: 'string' },
    headers: {
      type: 'object',
      additionalProperties: orRef({ type: 'object', properties: { schema: { type: 'object' } } }),
    },
    content: mediaTypes,
  },
});

const parameter = orRef({
  type: 'object',
  required: ['name', 'in'],
  properties: {
    name: { type: 'string', minLength: 1 },
    in: { enum: ['path', 'query', 'header', 'cookie'] },
    required: { type: 'boolean' },
    schema: { type: 'object' },
  },
  if: { properties: { in: { const: 'path' } } },
  then: { required: ['required'], properties: { required: { const: true } } },
});

const operation = {
  type: 'object',
  required: ['responses'],
  properties: {
    operationId: { type: 'string', minLength: 1 },
    tags: { type: 'array', items: { type: 'string' } },
    summary: { type: 'string' },
    description: { type: 'string' },
    parameters: { type: 'array', items: parameter },
    requestBody: orRef({
      type: 'object',
      required: ['content'],
      properties: { content: mediaTypes, required: { type: 'boolean' } },
    }),
    responses: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^(?:[1-5](?:\\d\\d|XX)|default)$' },
      additionalProperties: response,
    },
  },
};

/** The parts of the OpenAPI 3.1 schema this project relies on, written compactly. */
export const OPENAPI_31_META_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['openapi', 'info'],
  anyOf: [{ required: ['paths'] }, { required: ['components'] }, { required: ['webhooks'] }],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: {
        title: { type: 'string' },
        version: { type: 'string' },
        summary: { type: 'string' },
        description: { type: 'string' },
      },
    },
    servers: {
      type: 'array',
      items: { type: 'object', required: ['url'], properties: { url: { type: 'string' } } },
    },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        properties: {
          parameters: { type: 'array', items: parameter },
          get: operation,
          put: operation,
          post: operation,
          delete: operation,
          options: operation,
          head: operation,
          patch: operation,
          trace: operation,
        },
      },
    },
    components: {
      type: 'object',
      properties: {
        schemas: { type: 'object', additionalProperties: { type: ['object', 'boolean'] } },
        responses: { type: 'object', additionalProperties: response },
        parameters: { type: 'object', additionalProperties: parameter },
        requestBodies: { type: 'object', additionalProperties: { type: 'object' } },
        headers: { type: 'object', additionalProperties: { type: 'object' } },
      },
    },
    tags: { type: 'array', items: { type: 'object', required: ['name'] } },
  },
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function resolveLocal(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

function walk(
  node: unknown,
  pointer: string,
  visit: (node: JsonObject, pointer: string) => void,
): void {
  if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${pointer}/${i}`, visit));
  if (!isObject(node)) return;
  visit(node, pointer);
  for (const [key, value] of Object.entries(node))
    walk(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, visit);
}

let compiledMeta: ValidateFunction | undefined;

export function checkOpenApiStructure(doc: unknown): StructureProblem[] {
  const problems: StructureProblem[] = [];
  compiledMeta ??= new Ajv2020({ allErrors: true, strict: false }).compile(OPENAPI_31_META_SCHEMA);
  const meta = compiledMeta;
  if (!meta(doc)) {
    for (const e of meta.errors ?? [])
      problems.push({ pointer: e.instancePath, message: `OpenAPI 3.1: ${e.message ?? e.keyword}` });
  }
  if (!isObject(doc)) return problems;

  walk(doc, '', (node, pointer) => {
    if (typeof node.$ref === 'string') {
      if (resolveLocal(doc, node.$ref) === undefined)
        problems.push({ pointer, message: `$ref ${node.$ref} does not resolve` });
    }
    if (typeof node.pattern === 'string') {
      const error = patternError(node.pattern);
      if (error !== undefined)
        problems.push({
          pointer: `${pointer}/pattern`,
          message: `pattern does not compile: ${error}`,
        });
    }
    if (isObject(node['x-eb-kinds'])) {
      for (const [kind, target] of Object.entries(node['x-eb-kinds'])) {
        if (typeof target !== 'string' || resolveLocal(doc, target) === undefined)
          problems.push({
            pointer: `${pointer}/x-eb-kinds/${kind}`,
            message: `names no schema (${String(target)})`,
          });
      }
    }
  });

  const operationIds = new Map<string, string>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const here = `/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const own = Array.isArray(op.parameters) ? op.parameters : [];
      const declared = [...shared, ...own]
        .map((p) => (isObject(p) && typeof p.$ref === 'string' ? resolveLocal(doc, p.$ref) : p))
        .filter((p): p is JsonObject => isObject(p) && p.in === 'path')
        .map((p) => String(p.name));
      for (const name of templated) {
        if (!declared.includes(name))
          problems.push({
            pointer: `${here}/${method}`,
            message: `path parameter {${name}} is not declared`,
          });
      }
      for (const name of declared) {
        if (!templated.includes(name))
          problems.push({
            pointer: `${here}/${method}`,
            message: `declares path parameter ${name} the path does not have`,
          });
      }
      if (typeof op.operationId === 'string') {
        const previous = operationIds.get(op.operationId);
        if (previous !== undefined)
          problems.push({
            pointer: `${here}/${method}/operationId`,
            message: `operationId ${op.operationId} is also used at ${previous}`,
          });
        operationIds.set(op.operationId, `${here}/${method}`);
      }
    }
  }
  return problems;
}
