// `eb-conform spec examples`: find the example documents in specs, prose and notes, work out
// what each one is, and validate it. The verdicts separate what is wrong with the example
// (invalid, unparseable) from what cannot be judged (incomplete, unknown type, not a document).
import { readFileSync, statSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { extname, relative, resolve } from 'node:path';
import { extractFromLatex } from './extract/latex.ts';
import { InputError } from './input-error.ts';
import { extractFromMarkdown } from './extract/markdown.ts';
import type { Snippet } from './extract/snippet.ts';
import { extractFromStructuredFile } from './extract/structured-file.ts';
import { parseSource } from './load/source-file.ts';
import { getAtPointer, joinPointer } from './load/source-file.ts';
import { isRecord } from './load/schemas.ts';
import { openSpecSet } from './load/spec-set.ts';
import type { Location, SpecSet } from './load/spec-set.ts';
import { createSchemaChecker } from './schema-check.ts';
import { createValidator, getProfile, OWN_SPEC } from '../spec/index.ts';
import { unknownProperties } from './unknown-properties.ts';

export type ExampleVerdict =
  'valid' | 'invalid' | 'incomplete' | 'unparseable' | 'unknown-type' | 'not-a-document';

export interface ExampleIssue {
  pointer: string;
  /** Line in the example's file, where the pointer can be placed. */
  line?: number;
  message: string;
}

export interface ExampleResult {
  file: string;
  line: number;
  source: Snippet['source'];
  type: string | null;
  typeFrom: 'comment' | 'http' | 'shape' | null;
  verdict: ExampleVerdict;
  errors: ExampleIssue[];
  /** Properties the schema does not define: valid (schemas are open) but usually a mistake. */
  warnings: ExampleIssue[];
  note?: string;
}

export interface ExamplesReport {
  spec: string;
  profile: string;
  validator: 'spec-module' | 'spec-tools';
  examples: ExampleResult[];
  summary: Record<ExampleVerdict, number> & { total: number };
}

export interface ExamplesOptions {
  spec?: string;
  profile?: string;
}

// --- extraction ------------------------------------------------------------------------------

export function extractSnippets(path: string): Snippet[] {
  const text = readFileSync(path, 'utf8');
  const extension = extname(path).toLowerCase();
  if (extension === '.tex') return extractFromLatex(path, text);
  if (extension === '.md' || extension === '.markdown') return extractFromMarkdown(path, text);
  if (extension === '.json') return extractFromStructuredFile(path, text, 'json');
  return extractFromStructuredFile(path, text, 'yaml');
}

// --- what is it? -----------------------------------------------------------------------------

const ELISION = /(^|\s)\.{3,}(\s|$)|\.{4,}/;
const PLACEHOLDER_TAG = /!!(str|int|float|bool)\b/;

function typeFromHttp(snippet: Snippet): string | undefined {
  const http = snippet.http;
  if (!http?.method || !http.path) return undefined;
  if (http.method === 'POST' && /\/(sessions|offers)\/[^/]+$/.test(http.path)) return 'Update';
  if (http.method === 'POST') return 'ExecutionRequest';
  return undefined;
}

/** Guesses the document type from its top-level properties (any wire version). */
export function typeFromShape(document: Record<string, unknown>): string | undefined {
  const has = (...keys: string[]) => keys.some((key) => key in document);
  if (
    has('openapi') ||
    (has('allOf', 'discriminator', 'properties') && has('type', 'title', 'description'))
  ) {
    return 'schema';
  }
  const keys = Object.keys(document);
  const schemaKeywords = ['allOf', 'discriminator', 'properties', 'type', 'title'];
  const looksLikeSchema = (value: unknown) =>
    isRecord(value) && schemaKeywords.filter((keyword) => keyword in value).length >= 2;
  if (keys.length > 0 && Object.values(document).every(looksLikeSchema)) return 'schema';
  if (keys.length === 1) {
    const wrapper = keys[0] as string;
    if (wrapper === 'request') return 'ExecutionRequest';
    if (wrapper === 'response') return 'OfferSetResponse';
    if (wrapper === 'offer' || wrapper === 'job') return 'ExecutionSession';
    if (wrapper === 'update') return 'Update';
  }
  if (has('result', 'offers')) return 'OfferSetResponse';
  if (has('phase', 'state', 'status', 'expires', 'options', 'connectors'))
    return 'ExecutionSession';
  if (has('path') && has('value', 'delta')) return 'Update';
  if (has('level') && has('template', 'message')) return 'MessageItem';
  if (has('executable', 'compute', 'resources', 'storage', 'data', 'schedule', 'datetime'))
    return 'ExecutionRequest';
  return undefined;
}

// --- where is its schema? --------------------------------------------------------------------

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

/** The schema a document type has in a spec: read from the paths, then by component name. */
export function schemaForType(set: SpecSet, type: string): Location | undefined {
  for (const root of set.roots) {
    const paths = getAtPointer(set.file(root)?.data, '/paths');
    if (!isRecord(paths)) continue;
    for (const [path, item] of Object.entries(paths)) {
      if (!isRecord(item)) continue;
      const at = joinPointer('/paths', path);
      const templated = path.includes('{');
      let found: Location | undefined;
      if (
        type === 'ExecutionRequest' &&
        !templated &&
        /offerset|request/i.test(path) &&
        isRecord(item.post)
      ) {
        found = mediaSchema(set, root, joinPointer(at, 'post', 'requestBody'));
      } else if (
        type === 'OfferSetResponse' &&
        templated &&
        /offerset/i.test(path) &&
        isRecord(item.get)
      ) {
        found = mediaSchema(set, root, joinPointer(at, 'get', 'responses', '200'));
      } else if (
        type === 'ExecutionSession' &&
        templated &&
        /session/i.test(path) &&
        isRecord(item.get)
      ) {
        found = mediaSchema(set, root, joinPointer(at, 'get', 'responses', '200'));
      } else if (type === 'Update' && templated && /session/i.test(path) && isRecord(item.post)) {
        found = mediaSchema(set, root, joinPointer(at, 'post', 'requestBody'));
      }
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

// --- validation back ends --------------------------------------------------------------------

interface Backend {
  name: ExamplesReport['validator'];
  spec: string;
  validate(
    type: string,
    document: unknown,
  ): { issues: { pointer: string; message: string }[] } | { error: string };
  strictWarnings(type: string, document: unknown): { pointer: string; message: string }[];
}

async function ownBackend(specPath: string): Promise<Backend> {
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

async function chooseBackend(options: ExamplesOptions, profile: string): Promise<Backend> {
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

// --- the command -----------------------------------------------------------------------------

function listInputs(paths: string[]): string[] {
  return paths.map((path) => {
    const full = resolve(path);
    if (!existsSync(full)) throw new InputError(`no such file: ${path}`);
    if (statSync(full).isDirectory())
      throw new InputError(`${path} is a folder: name the files to read`);
    return full;
  });
}

/** The type an example declares, or its HTTP request implies, or its shape suggests. */
function detectType(
  snippet: Snippet,
  document: unknown,
): { type: string | null; typeFrom: ExampleResult['typeFrom'] } {
  if (snippet.declaredType) return { type: snippet.declaredType, typeFrom: 'comment' };
  const fromHttp = typeFromHttp(snippet);
  if (fromHttp) return { type: fromHttp, typeFrom: 'http' };
  const fromShape = isRecord(document) ? typeFromShape(document) : undefined;
  return fromShape ? { type: fromShape, typeFrom: 'shape' } : { type: null, typeFrom: null };
}

function judge(
  snippet: Snippet,
  backend: Backend,
  display: (path: string) => string,
): ExampleResult {
  const base = { file: display(snippet.file), line: snippet.line, source: snippet.source };
  const outcome = (
    verdict: ExampleVerdict,
    type: string | null,
    typeFrom: ExampleResult['typeFrom'],
    rest: Partial<ExampleResult> = {},
  ): ExampleResult => ({ ...base, type, typeFrom, verdict, errors: [], warnings: [], ...rest });

  if (snippet.text.trim() === '') {
    return outcome('not-a-document', null, null, {
      note: snippet.http ? `HTTP ${snippet.http.startLine} without a body` : 'empty',
    });
  }
  const lines = snippet.text.split('\n');
  const elided = lines.findIndex((line) => ELISION.test(line.replace(/#.*$/, '')));
  const placeholder = lines.findIndex((line) => PLACEHOLDER_TAG.test(line));
  // Parse with the elisions taken out, so the type can still be told.
  const parsable = lines
    .map((line) => (ELISION.test(line.replace(/#.*$/, '')) ? '' : line))
    .join('\n');
  const parsed = parseSource(snippet.file, parsable);
  const document = parsed.data;
  const { type, typeFrom } = detectType(snippet, document);

  if (type === 'schema')
    return outcome('not-a-document', 'schema', typeFrom, {
      note: 'an OpenAPI schema fragment, not a document',
    });
  const lineOf = (pointer: string) => snippet.line + parsed.lineOf(pointer) - 1;
  if (elided !== -1 || placeholder !== -1) {
    const at = elided !== -1 ? elided : placeholder;
    const why =
      elided !== -1 ? 'content elided with "...."' : 'a template with !!type placeholders';
    // What is left cannot be validated (elided values read as null), but a property the
    // schema does not know is wrong however the elided parts are filled in.
    const warnings =
      type && isRecord(document) && parsed.problems.length === 0
        ? backend
            .strictWarnings(type, document)
            .map((issue) => ({ ...issue, line: lineOf(issue.pointer) }))
        : [];
    return outcome('incomplete', type, typeFrom, {
      note: `incomplete example: ${why} (line ${snippet.line + at})`,
      warnings,
    });
  }
  if (parsed.problems.length > 0) {
    const problem = parsed.problems[0] as { line: number; message: string };
    return outcome('unparseable', type, typeFrom, {
      errors: [
        {
          pointer: '',
          line: snippet.line + problem.line - 1,
          message: `not valid YAML/JSON: ${problem.message}`,
        },
      ],
    });
  }
  if (!isRecord(document)) {
    return outcome('not-a-document', null, null, {
      note: 'not a YAML/JSON object (prose, a URL or a list)',
    });
  }
  if (type === null)
    return outcome('unknown-type', null, null, {
      note: 'add a "# eb-type: <Type>" comment to say what it is',
    });

  const result = backend.validate(type, document);
  if ('error' in result) {
    return outcome('unknown-type', type, typeFrom, { note: result.error });
  }
  const errors = result.issues.map((issue) => ({
    pointer: issue.pointer,
    line: lineOf(issue.pointer),
    message: issue.message,
  }));
  const warnings = backend.strictWarnings(type, document).map((issue) => ({
    pointer: issue.pointer,
    line: lineOf(issue.pointer),
    message: issue.message,
  }));
  return outcome(errors.length === 0 ? 'valid' : 'invalid', type, typeFrom, { errors, warnings });
}

export async function checkExamples(
  paths: string[],
  options: ExamplesOptions = {},
): Promise<ExamplesReport> {
  const inputs = listInputs(paths);
  const profile = options.profile ?? (options.spec ? 'as written in the spec' : 'v1.0.7');
  const backend = await chooseBackend(options, profile);
  const cwd = process.cwd();
  const display = (path: string) => (path.startsWith(cwd) ? relative(cwd, path) : path);
  const examples = inputs.flatMap((input) =>
    extractSnippets(input).map((snippet) => judge(snippet, backend, display)),
  );
  const summary = {
    total: examples.length,
    valid: 0,
    invalid: 0,
    incomplete: 0,
    unparseable: 0,
    'unknown-type': 0,
    'not-a-document': 0,
  };
  for (const example of examples) summary[example.verdict]++;
  return { spec: backend.spec, profile, validator: backend.name, examples, summary };
}

export function formatExamplesText(report: ExamplesReport): string {
  const lines: string[] = [
    `spec: ${report.spec} (validator: ${report.validator}, profile: ${report.profile})`,
    '',
  ];
  for (const example of report.examples) {
    const type = example.type
      ? `${example.type}${example.typeFrom ? ` (from ${example.typeFrom})` : ''}`
      : '-';
    lines.push(`${example.file}:${example.line}: ${example.verdict.toUpperCase()} ${type}`);
    if (example.note) lines.push(`    ${example.note}`);
    for (const error of example.errors) {
      lines.push(
        `    error ${error.pointer || '/'}${error.line ? ` (line ${error.line})` : ''}: ${error.message}`,
      );
    }
    for (const warning of example.warnings) {
      lines.push(
        `    warning ${warning.pointer || '/'}${warning.line ? ` (line ${warning.line})` : ''}: ${warning.message}`,
      );
    }
  }
  const { summary } = report;
  lines.push(
    '',
    `${summary.total} example(s): ${summary.valid} valid, ${summary.invalid} invalid, ${summary.incomplete} incomplete, ` +
      `${summary.unparseable} unparseable, ${summary['unknown-type']} of unknown type, ${summary['not-a-document']} not documents`,
  );
  return lines.join('\n');
}
