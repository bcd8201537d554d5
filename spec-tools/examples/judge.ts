// One snippet, one verdict: what the snippet is (declared, implied by its HTTP request line, or
// told from its shape), whether it can be judged at all (elided, a template, not a document),
// and if so what the validator says, with every problem placed on its line.
import type { Snippet } from '../extract/snippet.ts';
import { parseSource } from '../load/source-file.ts';
import { isRecord } from '../load/schemas.ts';
import type { Backend } from './backends.ts';
import type { ExampleResult, ExampleVerdict } from './types.ts';

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

export function judge(
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
