// Turns what a source recorded into the view the rules judge: parsed bodies, what they are,
// the operation, and only the facts the source really captured (a folder of documents has no
// status line, a curl -i transcript no request headers).

import type { Exchange } from '../../contract/result.ts';
import type { DocumentKind, ExchangeView, Operation, Window } from '../rules/types.ts';
import { headerValue } from '../traffic/headers.ts';
import { isJsonType, isYamlType, mediaType, parseBody, sniffBody } from '../traffic/media.ts';
import { documentKind, looksLike } from '../traffic/shape.ts';
import type { DocumentItem, ExchangeItem } from '../traffic/types.ts';
import { expectedDocument, operationOfDocuments, type Classifier } from './classify.ts';

/** A view, plus what the judge needs beyond the rules: the session the path names. */
export interface Observed {
  view: ExchangeView;
  /** The session uuid the URL names (updates and session reads). */
  pathUuid?: string;
}

interface Parsed {
  body?: unknown;
  parseError?: string;
  document: DocumentKind;
  looksLike?: string;
}

/**
 * Parses a body by its declared media type, or by its look when no type was captured. A body
 * declared as neither JSON nor YAML is taken at its word: it is not read as a document (a broker
 * that labels JSON as text/plain has not answered with a document).
 */
function parsed(text: string | undefined, declared: string | undefined): Parsed {
  if (text === undefined || text === '') return { document: 'empty' };
  const type = mediaType(declared);
  if (type !== undefined && !isJsonType(type) && !isYamlType(type))
    return { document: 'foreign', looksLike: `a body labelled ${type}` };
  const result = type === undefined ? sniffBody(text) : parseBody(type, text);
  const document = documentKind(result.body, text, result.error);
  return {
    ...(result.body === undefined ? {} : { body: result.body }),
    ...(result.error === undefined ? {} : { parseError: result.error }),
    document,
    ...(document === 'foreign' ? { looksLike: looksLike(result.body, text) } : {}),
  };
}

function given(answer: { text?: string; body?: unknown; parseError?: string }): Parsed {
  const document = documentKind(answer.body, answer.text, answer.parseError);
  return {
    ...(answer.body === undefined ? {} : { body: answer.body }),
    ...(answer.parseError === undefined ? {} : { parseError: answer.parseError }),
    document,
    ...(document === 'foreign' ? { looksLike: looksLike(answer.body, answer.text) } : {}),
  };
}

export function viewOfExchange(
  exchange: Exchange,
  classify: Classifier,
  options: {
    requestHeaders: boolean;
    seen?: Window;
    where?: string;
    /** The answer already parsed from its whole text (the live client keeps more than it records). */
    answer?: { text?: string; body?: unknown; parseError?: string };
  },
): Observed {
  const { request, response } = exchange;
  const captured = request.method !== '(not captured)';
  let op: Operation = 'other';
  let pathUuid: string | undefined;
  if (captured) ({ op, uuid: pathUuid } = classify.classify(request.method, request.url));
  const contentType = mediaType(headerValue(response?.headers, 'content-type'));
  const answer =
    options.answer === undefined
      ? parsed(response?.body, headerValue(response?.headers, 'content-type'))
      : given(options.answer);
  const sent = parsed(request.body, headerValue(request.headers, 'content-type'));
  if (!captured) op = operationOfDocuments(undefined, answer.document);
  const view: ExchangeView = {
    cite: [exchange.id],
    where: options.where ?? `${request.method} ${request.url} (${exchange.id})`,
    op,
    method: request.method,
    url: request.url,
    document: answer.document,
  };
  const expect = expectedDocument(op);
  if (expect !== undefined) view.expect = expect;
  if (response !== undefined) {
    view.status = response.status;
    view.headers = response.headers;
    if (contentType !== undefined) view.contentType = contentType;
  }
  // curl sends the Accept its command line names, so that much is known even without -v.
  if (options.requestHeaders || headerValue(request.headers, 'accept') !== undefined)
    view.requestHeaders = request.headers;
  if (sent.body !== undefined) view.request = sent.body;
  if (answer.body !== undefined) view.body = answer.body;
  if (answer.parseError !== undefined) view.parseError = answer.parseError;
  if (answer.looksLike !== undefined) view.looksLike = answer.looksLike;
  if (exchange.error !== undefined) {
    view.error = exchange.error;
    view.timedOut = /timeout|timed out/i.test(exchange.error);
  }
  if (options.seen !== undefined) view.seen = options.seen;
  return pathUuid === undefined || pathUuid === '' ? { view } : { view, pathUuid };
}

export function viewOfItem(item: ExchangeItem, classify: Classifier): Observed {
  return viewOfExchange(item.exchange, classify, {
    requestHeaders: item.requestHeaders,
    ...(item.seen === undefined ? {} : { seen: item.seen }),
  });
}

/** A request and response document pair: no status, no headers, no URL. */
export function viewOfDocuments(item: DocumentItem): Observed {
  const op = operationOfDocuments(item.request?.kind, item.response?.kind);
  const response = item.response;
  const view: ExchangeView = {
    cite: [],
    where: response?.file ?? item.request?.file ?? item.source,
    op,
    document: response?.kind ?? 'empty',
  };
  const expect = expectedDocument(op);
  if (expect !== undefined) view.expect = expect;
  if (item.request?.body !== undefined) view.request = item.request.body;
  if (response?.body !== undefined) view.body = response.body;
  if (response?.parseError !== undefined) view.parseError = response.parseError;
  if (response?.kind === 'foreign') view.looksLike = looksLike(response.body, response.text);
  if (item.seen !== undefined) view.seen = item.seen;
  return { view };
}
