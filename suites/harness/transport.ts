// The wire under the BrokerClient: one request with a deadline and a body cap, recorded as an
// exchange, never followed through a redirect, never thrown for anything the target does; a
// breaker that stops a worker from spending every request's timeout on a target that went
// away; and the subscribers (the ambient checks, the verdict helpers) told about every answer.

import { Agent, request } from 'undici';
import type { Exchange } from '../../contract/result.ts';
import type { Credentials, TargetContext } from './context.ts';
import { clip, mediaType, parseBody, readCapped } from './bodies.ts';
import { nextExchangeId, recordExchange } from './recorder.ts';

export interface Reply {
  exchange: Exchange;
  /** 0 when no answer arrived (see `error`). */
  status: number;
  headers: Record<string, string>;
  /** Media type of the answer, lowercased and without parameters. */
  contentType?: string;
  text?: string;
  /** The body parsed by its Content-Type (JSON or YAML); undefined when absent or unparseable. */
  body?: unknown;
  parseError?: string;
  /** Transport failure: timeout, refused connection, reset... */
  error?: string;
  timedOut: boolean;
}

/** Which document a 2xx answer must be. */
export type DocumentType = 'OfferSetResponse' | 'ExecutionSession';

/** What the client tells its subscribers about each answer. */
export interface AnswerNote {
  reply: Reply;
  /** False when the client held the request back (the target stopped answering). */
  sent: boolean;
  /** Whose credentials went with it. */
  as: Identity;
  /** The document a 2xx answer must be, when the request said. */
  expect?: DocumentType;
  /** The Accept header sent. */
  accept?: string;
  profile: TargetContext['profile'];
}

export type AnswerListener = (note: AnswerNote) => void;

const listeners = new Set<AnswerListener>();

/**
 * Subscribes to every answer (and every transport failure) the clients of this worker see.
 * The judging of each exchange (suites/harness/checks.ts) listens here, so the transport never
 * has to know about it. Returns the unsubscribe function.
 */
export function onAnswer(listener: AnswerListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface SendOptions {
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Which document a 2xx answer must be (for the ambient schema checks). */
  expect?: DocumentType;
  timeoutMs?: number;
  /**
   * Who sends it: the run's identity (default; `--user`, else whatever -H says), the second
   * identity (`--second-user`, for the ownership checks) or nobody (no Authorization header).
   */
  as?: Identity;
}

export type Identity = 'primary' | 'second' | 'anonymous';

function basic(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')}`;
}

/** The Authorization header for an identity; undefined leaves the header out. */
export function authorizationFor(context: TargetContext, as: Identity): string | undefined {
  if (as === 'anonymous') return undefined;
  const credentials = as === 'second' ? context.secondCredentials : context.credentials;
  if (credentials !== undefined) return basic(credentials);
  if (as === 'second') return undefined;
  const given = Object.entries(context.headers).find(
    ([name]) => name.toLowerCase() === 'authorization',
  );
  return given?.[1];
}

/**
 * A target that stops answering would otherwise cost every remaining request its full timeout
 * (thousands of them in a default run). After this many transport failures in a row (no status
 * line, or a body cut off) the worker stops sending, except for one request now and then to
 * see whether the target came back; tests that fail meanwhile are INCONCLUSIVE, and the
 * failures already seen stand against /req/robustness/answers-promptly.
 */
const TRIP_AFTER_FAILURES = 6;
const RETRY_WHILE_TRIPPED_MS = 2_000;

/** Per worker, shared by every client: it describes the target, not a test. */
const breaker = { failures: 0, lastTryAt: 0 };

/** Why a request is not sent now, or undefined to send it. */
function heldBack(now: number): string | undefined {
  if (breaker.failures < TRIP_AFTER_FAILURES) return undefined;
  if (now - breaker.lastTryAt >= RETRY_WHILE_TRIPPED_MS) return undefined;
  return `not sent: the target left the last ${breaker.failures} requests without a complete answer`;
}

// An idle kept-alive connection is dropped by the client well before a server would close it
// (Node's default is 5 s; a Keep-Alive hint is honoured, less 2 s): reusing a socket the server
// is closing at that moment fails with "other side closed", which a loaded test machine would
// otherwise blame on the broker as an unanswered request.
const agent = new Agent({
  keepAliveTimeout: 1_000,
  keepAliveTimeoutThreshold: 2_000,
  connections: 16,
  connect: { timeout: 5_000 },
});

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Sends one request to an absolute URL and records it; never throws for anything the target
 * does, and tells every subscriber (onAnswer) what came back.
 */
export async function send(
  context: TargetContext,
  method: string,
  url: string,
  options: SendOptions = {},
): Promise<Reply> {
  // An empty value means "send no such header", so tests can leave out Accept on purpose.
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(context.headers))
    if (name.toLowerCase() !== 'authorization') merged[name] = value;
  const authorization = authorizationFor(context, options.as ?? 'primary');
  if (authorization !== undefined) merged.authorization = authorization;
  const headers = Object.fromEntries(
    Object.entries({ ...merged, ...(options.headers ?? {}) }).filter(([, value]) => value !== ''),
  );
  const timeoutMs = options.timeoutMs ?? context.requestTimeoutMs;
  const startedAt = new Date();
  const started = performance.now();
  const bodyText =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : Buffer.from(options.body).toString('utf8');
  const exchange: Exchange = {
    id: nextExchangeId(),
    startedAt: startedAt.toISOString(),
    durationMs: 0,
    request: { method, url, headers: { ...headers } },
  };
  const requestBody = clip(bodyText);
  if (requestBody.body !== undefined) exchange.request.body = requestBody.body;
  const reply: Reply = { exchange, status: 0, headers: {}, timedOut: false };
  const as = options.as ?? 'primary';
  const tell = (sent: boolean): void => {
    const note: AnswerNote = { reply, sent, as, profile: context.profile };
    if (options.expect !== undefined) note.expect = options.expect;
    const accept = headers.accept ?? headers.Accept;
    if (accept !== undefined) note.accept = accept;
    for (const listener of listeners) listener(note);
  };
  const held = heldBack(Date.now());
  if (held !== undefined) {
    reply.error = held;
    exchange.error = held;
    recordExchange(exchange);
    tell(false);
    return reply;
  }
  breaker.lastTryAt = Date.now();
  try {
    const response = await request(url, {
      method: method as 'GET',
      headers,
      body: options.body,
      dispatcher: agent,
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    reply.status = response.statusCode;
    reply.headers = flatten(response.headers);
    const { text, truncated } = await readCapped(response.body);
    reply.contentType = mediaType(reply.headers['content-type']);
    reply.text = text;
    const parsed = parseBody(reply.contentType, text);
    if (parsed.body !== undefined) reply.body = parsed.body;
    if (parsed.error !== undefined) reply.parseError = parsed.error;
    const recorded = clip(text);
    exchange.response = { status: reply.status, headers: reply.headers };
    if (recorded.body !== undefined) exchange.response.body = recorded.body;
    if (truncated || recorded.clipped) exchange.response.truncated = true;
  } catch (error) {
    const err = error as Error & { code?: string };
    reply.timedOut =
      err.name === 'TimeoutError' ||
      err.name === 'AbortError' ||
      err.code === 'UND_ERR_HEADERS_TIMEOUT' ||
      err.code === 'UND_ERR_BODY_TIMEOUT';
    reply.error = reply.timedOut ? `timeout after ${timeoutMs} ms` : (err.code ?? err.message);
    exchange.error = reply.error;
    if (reply.status !== 0) exchange.response = { status: reply.status, headers: reply.headers };
  }
  breaker.failures = reply.error === undefined ? 0 : breaker.failures + 1;
  exchange.durationMs = Math.round(performance.now() - started);
  recordExchange(exchange);
  tell(true);
  return reply;
}
