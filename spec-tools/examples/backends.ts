// What the examples are validated against: a description as written (`--spec`, this folder's own
// Ajv set-up), or the project's spec through spec/'s validator in one wire profile.
import { createValidator, getProfile, OWN_SPEC } from '../../spec/index.ts';
import { InputError } from '../input-error.ts';
import { getAtPointer, joinPointer } from '../load/source-file.ts';
import { isRecord } from '../load/schemas.ts';
import { openSpecSet } from '../load/spec-set.ts';
import type { Location, SpecSet } from '../load/spec-set.ts';
import { createSchemaChecker } from '../schema-check.ts';
import { unknownProperties } from '../unknown-properties.ts';
import type { ExamplesReport } from './types.ts';

const SCHEMA_NAMES: Record<string, string[]> = {
  ExecutionRequest: ['ExecutionRequest', 'OfferSetRequest'],
  OfferSetResponse: ['OfferSetResponse'],
  ExecutionSession: ['AbstractExecutionSession', 'ExecutionSessionResponse', 'ExecutionSession'],
  Update: ['AbstractUpdate', 'UpdateRequest', 'Update'],
  MessageItem: ['MessageItem'],
};

function mediaSchema(set: SpecSet, file: string, pointer: string): Location | undefined {
  const content = getAtPointer(set.file(file)?.data, joinPointer(pointer, 'content'));
  if (!isRecord(content)) return undefined;
  const mediaType = ['application/json', 'application/yaml', ...Object.keys(content)].find(
    (name) =>
      isRecord(content[name]) && isRecord((content[name] as Record<string, unknown>).schema),
  );
  return mediaType
    ? { file, pointer: joinPointer(pointer, 'content', mediaType, 'schema') }
    : undefined;
}

/** Where each document type travels: the operation and the body that carries it. */
const BODY_OF: Record<
  string,
  { path: RegExp; templated: boolean; method: string; body: string[] }
> = {
  ExecutionRequest: {
    path: /offerset|request/i,
    templated: false,
    method: 'post',
    body: ['requestBody'],
  },
  OfferSetResponse: {
    path: /offerset/i,
    templated: true,
    method: 'get',
    body: ['responses', '200'],
  },
  ExecutionSession: {
    path: /session/i,
    templated: true,
    method: 'get',
    body: ['responses', '200'],
  },
  Update: { path: /session/i, templated: true, method: 'post', body: ['requestBody'] },
};

/** The schema a document type has in a spec: read from the paths, then by component name. */
export function schemaForType(set: SpecSet, type: string): Location | undefined {
  for (const root of set.roots) {
    const paths = getAtPointer(set.file(root)?.data, '/paths');
    if (!isRecord(paths)) continue;
    for (const [path, item] of Object.entries(paths)) {
      if (!isRecord(item)) continue;
      const at = joinPointer('/paths', path);
      const where = BODY_OF[type];
      if (!where || where.templated !== path.includes('{') || !where.path.test(path)) continue;
      if (!isRecord(item[where.method])) continue;
      const found = mediaSchema(set, root, joinPointer(at, where.method, ...where.body));
      if (found) return found;
    }
  }
  const names = SCHEMA_NAMES[type] ?? [type];
  for (const name of names) {
    for (const file of [...set.roots, ...set.files.keys()]) {
      const pointer = joinPointer('/components/schemas', name);
      if (getAtPointer(set.file(file)?.data, pointer) !== undefined) return { file, pointer };
    }
  }
  return undefined;
}

export interface Backend {
  name: ExamplesReport['validator'];
  spec: string;
  validate(
    type: string,
    document: unknown,
  ): { issues: { pointer: string; message: string }[] } | { error: string };
  strictWarnings(type: string, document: unknown): { pointer: string; message: string }[];
}

export async function ownBackend(specPath: string): Promise<Backend> {
  const set = openSpecSet(specPath);
  const checker = createSchemaChecker(set);
  return {
    name: 'spec-tools',
    spec: specPath,
    validate(type, document) {
      const schema = schemaForType(set, type);
      if (!schema) return { error: `the spec has no schema for ${type}` };
      const result = checker.check(schema, document);
      return 'error' in result ? result : { issues: result.issues };
    },
    strictWarnings(type, document) {
      const schema = schemaForType(set, type);
      return schema ? unknownProperties(set, schema, document) : [];
    },
  };
}

export async function chooseBackend(options: { spec?: string }, profile: string): Promise<Backend> {
  if (options.spec) return ownBackend(options.spec);
  let validator: ReturnType<typeof createValidator>;
  try {
    validator = createValidator({ profile: getProfile(profile) });
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const own = await ownBackend(OWN_SPEC);
  return {
    name: 'spec-module',
    spec: 'project spec (spec/execution-broker.yaml)',
    validate(type, document) {
      try {
        return { issues: validator.validate(type, document).issues };
      } catch (error) {
        return { error: (error as Error).message };
      }
    },
    // The project spec is written with v1.0.7 kinds; for other profiles its kind dispatch
    // would not match the document and every subtype property would look unknown.
    strictWarnings: (type, document) =>
      profile === 'v1.0.7' ? own.strictWarnings(type, document) : [],
  };
}
