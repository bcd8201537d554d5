// What a body is, told from its shape alone: one of the standard's documents (an offer set, a
// session, a request, an update), this project's error shape, or something else. Something
// else is never typed as a session: a web framework's error JSON or an HTML page is reported
// for what it looks like.

import type { DocumentKind } from '../rules/types.ts';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function has(doc: Record<string, unknown>, ...keys: string[]): boolean {
  return keys.some((key) => doc[key] !== undefined);
}

/** What a parsed body is. `text` is the raw body, for telling empty from unparseable. */
export function documentKind(body: unknown, text?: string, parseError?: string): DocumentKind {
  if (body === undefined || body === null) {
    if (parseError !== undefined) return 'unparseable';
    return text === undefined || text.trim() === '' ? 'empty' : 'foreign';
  }
  const doc = record(body);
  if (doc === undefined) return 'foreign';
  const meta = record(doc.meta);
  const error = record(doc.error);
  if (error !== undefined && has(error, 'code', 'message')) return 'ErrorResponse';
  if (has(doc, 'result') && (has(doc, 'offers') || meta !== undefined)) return 'OfferSetResponse';
  if (typeof doc.phase === 'string' && (meta !== undefined || has(doc, 'kind', 'expires')))
    return 'ExecutionSession';
  const update = record(doc.update) ?? doc;
  if (has(update, 'path') && has(update, 'value') && has(update, 'kind', 'type')) return 'Update';
  if (
    has(doc, 'executable', 'compute', 'schedule', 'storage', 'data') &&
    !has(doc, 'phase', 'result')
  )
    return 'ExecutionRequest';
  return 'foreign';
}

/** For a body that is not an ExecutionBroker document: what it looks like, in a few words. */
export function looksLike(body: unknown, text?: string): string {
  const doc = record(body);
  if (doc !== undefined && has(doc, 'timestamp') && has(doc, 'status') && has(doc, 'error')) {
    // The shape Spring Boot (the Java broker's framework) gives its own error pages.
    const path = typeof doc.path === 'string' ? ` for ${doc.path}` : '';
    return `a web framework's error body (status ${String(doc.status)} "${String(doc.error)}"${path})`;
  }
  if (doc !== undefined && has(doc, 'title') && has(doc, 'status') && has(doc, 'type'))
    return `a problem+json error (status ${String(doc.status)} "${String(doc.title)}")`;
  const head = text?.trimStart().slice(0, 200).toLowerCase() ?? '';
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'an HTML page';
  if (head.startsWith('<')) return 'an XML or HTML document';
  if (doc !== undefined) {
    const keys = Object.keys(doc).slice(0, 4).join(', ');
    return `a mapping of ${keys === '' ? 'nothing' : keys}`;
  }
  if (Array.isArray(body)) return 'a list';
  return body === undefined ? 'plain text' : `a bare ${typeof body}`;
}
