// Which response body the document rules judge, and what schema validation says about it. A
// body is judged when it is the document the operation promises and the answer was a success
// (or a 303 carrying it, or a document whose status was not captured); a success that carries
// something else is itself a finding of the document's schema requirement. Validation runs once
// per answer, however many rules ask.

import { kindNameIn } from '../../spec/index.ts';
import type { ExchangeView, ExpectedDocument, Finding, RuleContext } from './types.ts';
import { viewFinding } from './judgement.ts';

export const DOCUMENT_REQUIREMENT: Record<ExpectedDocument, string> = {
  OfferSetResponse: '/req/schema/offerset-valid',
  ExecutionSession: '/req/schema/session-valid',
};

export type Judged = { type: ExpectedDocument; doc: unknown };

function success(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * The document to judge, `'wrong'` when a success answer carries something other than the
 * promised document, or undefined when there is nothing to judge here.
 */
export function judgedDocument(view: ExchangeView): Judged | 'wrong' | undefined {
  const type = view.expect;
  if (type === undefined) return undefined;
  const status = view.status;
  if (status !== undefined && !success(status) && status !== 303) return undefined;
  if (view.document === type) return { type, doc: view.body };
  // A 303 may carry any short note; only a 2xx promises the document itself.
  return status !== undefined && success(status) ? 'wrong' : undefined;
}

/** The offer set an answer carries, when it is one with this result (YES or NO). */
export function offersetWithResult(view: ExchangeView, result: 'YES' | 'NO'): unknown {
  const document = judgedDocument(view);
  if (document === undefined || document === 'wrong' || document.type !== 'OfferSetResponse')
    return undefined;
  return (document.doc as { result?: unknown } | null)?.result === result
    ? document.doc
    : undefined;
}

/** What a success answer carried instead of the promised document. */
export function wrongDocumentFinding(view: ExchangeView, type: ExpectedDocument): Finding {
  const what =
    view.document === 'empty'
      ? 'has no body'
      : view.document === 'unparseable'
        ? `has no readable body${view.parseError === undefined ? '' : ` (${view.parseError})`}`
        : view.document === 'foreign'
          ? `is not an ExecutionBroker document${view.looksLike === undefined ? '' : ` (it looks like ${view.looksLike})`}`
          : `is an ${view.document}, not an ${type}`;
  return viewFinding(
    DOCUMENT_REQUIREMENT[type],
    view,
    `a ${view.status ?? ''} answer where an ${type} document was due ${what}`.replace('a  ', 'an '),
  );
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Which schema requirement an issue at this pointer belongs to. */
export function requirementAt(pointer: string, type: ExpectedDocument): string {
  if (/\/meta\/messages\//.test(pointer)) return '/req/schema/message-valid';
  if (/\/meta\/options\//.test(pointer)) return '/req/schema/option-valid';
  if (/\/(expires|created|modified|start|duration|time)$/.test(pointer))
    return '/req/schema/datetime-format';
  return DOCUMENT_REQUIREMENT[type];
}

export interface Issue {
  requirement: string;
  pointer: string;
  message: string;
}

const issueCache = new WeakMap<object, { validator: RuleContext['validator']; issues: Issue[] }>();

/** Schema validation of a judged document, each issue attributed to the requirement it breaks. */
export function schemaIssues(judged: Judged, context: RuleContext): Issue[] {
  const key = typeof judged.doc === 'object' && judged.doc !== null ? judged.doc : undefined;
  const cached = key === undefined ? undefined : issueCache.get(key);
  if (cached !== undefined && cached.validator === context.validator) return cached.issues;
  const issues = context.validator.validate(judged.type, judged.doc).issues.map((issue) => ({
    requirement: requirementAt(issue.pointer, judged.type),
    pointer: issue.pointer,
    message: `${judged.type} at ${issue.pointer || '(root)'}: ${issue.message}`,
  }));
  if (key !== undefined) issueCache.set(key, { validator: context.validator, issues });
  return issues;
}

/**
 * Every `kind` member that names a component, option or update, with its pointer. Message and
 * connector kinds are left out (the schemas leave those open), and so is an offer set's own
 * `kind`: OfferSetResponse is not polymorphic, no discriminator maps it, and brokers label it
 * as they like.
 */
export function kindsIn(
  doc: unknown,
  type?: ExpectedDocument,
  pointer = '',
): { pointer: string; value: unknown }[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const found: { pointer: string; value: unknown }[] = [];
  const entries: [string, unknown][] = Array.isArray(doc)
    ? doc.map((v, i) => [String(i), v])
    : Object.entries(doc);
  for (const [key, value] of entries) {
    const here = `${pointer}/${escapePointer(key)}`;
    if (key === 'messages' || key === 'connectors') continue;
    if (key === 'kind' && !Array.isArray(doc)) {
      if (!(pointer === '' && type === 'OfferSetResponse')) found.push({ pointer: here, value });
    } else found.push(...kindsIn(value, undefined, here));
  }
  return found;
}

/** Kind URIs the profile does not map. */
export function unknownKinds(
  profile: RuleContext['profile'],
  doc: unknown,
  type?: ExpectedDocument,
): { pointer: string; message: string }[] {
  return kindsIn(doc, type)
    .filter(({ value }) => typeof value !== 'string' || kindNameIn(profile, value) === undefined)
    .map(({ pointer, value }) => ({
      pointer,
      message: `kind ${JSON.stringify(value)} is not a URI the ${profile} profile maps`,
    }));
}
