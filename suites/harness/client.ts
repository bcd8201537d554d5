// The only way the suites talk to a broker. It never hangs (a deadline on every request, a cap
// on every body), never follows redirects behind the test's back, records every exchange into
// the running test's evidence and runs the ambient checks on every answer.

import { Agent, request } from 'undici';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { targetContext, type Credentials, type TargetContext } from './context.ts';
import { startWindows } from './offers.ts';
import { sightings } from './sightings.ts';
import { kindOf, profilePaths, updatePath, type ProfilePaths } from './profile.ts';
import { nextExchangeId, recordExchange } from './recorder.ts';
import { noteExchange, noteUnauthorized } from './requirement.ts';
import type { Exchange } from '../../contract/result.ts';

/** Bodies beyond this are cut off; no conformant answer comes near it. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** What an exchange keeps of a body for the report. */
export const RECORDED_BODY_CHARS = 64 * 1024;

export type BodyFormat = 'json' | 'yaml';

export const MEDIA: Record<BodyFormat, string> = {
  json: 'application/json',
  yaml: 'application/yaml',
};

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

export interface CreateResult {
  /** The create POST, then the GET of the Location when it was followed. */
  replies: Reply[];
  exchanges: Exchange[];
  /** Status of the create POST itself. */
  status: number;
  /** The OfferSet: the body of the followed GET, or of the POST when it answered 200. */
  offerset?: unknown;
}

/** Which document a 2xx answer must be. */
export type DocumentType = 'OfferSetResponse' | 'ExecutionSession';

/** What the client tells its subscribers about each answer. */
export interface AnswerNote {
  reply: Reply;
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

export interface CreateOptions {
  format?: BodyFormat;
  accept?: string;
  /** Follow a 303 Location with a GET (default true). */
  followRedirect?: boolean;
  headers?: Record<string, string>;
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

export function mediaType(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

export function isJsonType(type: string | undefined): boolean {
  return type !== undefined && (type === 'application/json' || type.endsWith('+json'));
}

export function isYamlType(type: string | undefined): boolean {
  return type !== undefined && /^(application|text)\/(x-)?yaml$/.test(type);
}

/** Parses a body by its media type; YAML alias bombs and deep nesting are bounded by the parser. */
export function parseBody(
  type: string | undefined,
  text: string,
): { body?: unknown; error?: string } {
  if (text.trim() === '') return {};
  try {
    if (isJsonType(type)) return { body: JSON.parse(text) as unknown };
    if (isYamlType(type)) return { body: parseYaml(text, { maxAliasCount: 50 }) as unknown };
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] ?? 'unparseable body' };
  }
  return {};
}

async function readCapped(
  body: AsyncIterable<Uint8Array> & { destroy?: () => void },
): Promise<{ text: string; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    if (size + chunk.byteLength > MAX_BODY_BYTES) {
      chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
      truncated = true;
      body.destroy?.();
      break;
    }
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

function clip(text: string | undefined): { body?: string; clipped: boolean } {
  if (text === undefined || text === '') return { clipped: false };
  return text.length > RECORDED_BODY_CHARS
    ? { body: text.slice(0, RECORDED_BODY_CHARS), clipped: true }
    : { body: text, clipped: false };
}

export function uuidOf(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const meta = (doc as { meta?: unknown }).meta;
  const uuid =
    typeof meta === 'object' && meta !== null ? (meta as { uuid?: unknown }).uuid : undefined;
  return typeof uuid === 'string' ? uuid : undefined;
}

export class BrokerClient {
  readonly context: TargetContext;
  readonly paths: ProfilePaths;

  constructor(context: TargetContext = targetContext()) {
    this.context = context;
    this.paths = profilePaths(context.profile);
  }

  /** An absolute URL for a path, a uuid-less URL, or a URL the broker gave us. */
  url(pathOrUrl: string): string {
    if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
    return `${this.context.target}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
  }

  /** Sends one request and records it; never throws for anything the target does. */
  async raw(method: string, pathOrUrl: string, options: SendOptions = {}): Promise<Reply> {
    const url = this.url(pathOrUrl);
    // An empty value means "send no such header", so tests can leave out Accept on purpose.
    const merged: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.context.headers))
      if (name.toLowerCase() !== 'authorization') merged[name] = value;
    const authorization = authorizationFor(this.context, options.as ?? 'primary');
    if (authorization !== undefined) merged.authorization = authorization;
    const headers = Object.fromEntries(
      Object.entries({ ...merged, ...(options.headers ?? {}) }).filter(([, value]) => value !== ''),
    );
    const timeoutMs = options.timeoutMs ?? this.context.requestTimeoutMs;
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
    const held = heldBack(Date.now());
    if (held !== undefined) {
      reply.error = held;
      exchange.error = held;
      recordExchange(exchange);
      noteExchange(exchange.id, held);
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
    noteExchange(
      exchange.id,
      reply.error !== undefined && /ECONNREFUSED/.test(reply.error) ? reply.error : undefined,
    );
    if (reply.status === 401 && (options.as ?? 'primary') === 'primary')
      noteUnauthorized(`${method} ${new URL(url).pathname}`, authorization !== undefined);
    const note: AnswerNote = { reply, profile: this.context.profile };
    if (options.expect !== undefined) note.expect = options.expect;
    const accept = headers.accept ?? headers.Accept;
    if (accept !== undefined) note.accept = accept;
    for (const listener of listeners) listener(note);
    return reply;
  }

  /** Sends an ExecutionRequest (profile-aware path) and, by default, follows a 303 with a GET. */
  async create(body: unknown, options: CreateOptions = {}): Promise<CreateResult> {
    const format = options.format ?? 'json';
    const accept = options.accept ?? MEDIA.json;
    const text = typeof body === 'string' ? body : serialise(body, format);
    const post = await this.raw('POST', this.paths.create, {
      headers: { 'content-type': MEDIA[format], accept, ...(options.headers ?? {}) },
      body: text,
      expect: 'OfferSetResponse',
    });
    const result: CreateResult = {
      replies: [post],
      exchanges: [post.exchange],
      status: post.status,
    };
    const location = post.headers.location;
    if (post.status === 303 && location !== undefined && options.followRedirect !== false) {
      const target = new URL(location, this.url(this.paths.create)).toString();
      const get = await this.raw('GET', target, {
        headers: { accept },
        expect: 'OfferSetResponse',
      });
      result.replies.push(get);
      result.exchanges.push(get.exchange);
      if (get.status === 200) result.offerset = get.body;
    } else if (post.status === 200 || post.status === 201) {
      result.offerset = post.body;
    }
    if (result.offerset !== undefined) {
      // Seen again with the request's windows, so the report's timeline can draw both.
      const windows = startWindows(typeof body === 'string' ? undefined : body)?.map((w) => ({
        start: new Date(w.earliest).toISOString(),
        end: new Date(w.latest).toISOString(),
      }));
      if (windows !== undefined) sightings(result.offerset, 'OfferSetResponse', windows);
    }
    return result;
  }

  getOfferSet(uuidOrUrl: string, accept = MEDIA.json): Promise<Reply> {
    const path = /^https?:/i.test(uuidOrUrl) ? uuidOrUrl : this.paths.offerset(uuidOrUrl);
    return this.raw('GET', path, { headers: { accept }, expect: 'OfferSetResponse' });
  }

  getSession(uuidOrUrl: string, accept = MEDIA.json): Promise<Reply> {
    const path = /^https?:/i.test(uuidOrUrl) ? uuidOrUrl : this.paths.session(uuidOrUrl);
    return this.raw('GET', path, { headers: { accept }, expect: 'ExecutionSession' });
  }

  /** Posts an update to a session; by default an enum-value update of the phase. */
  update(
    sessionUuidOrUrl: string,
    value: unknown,
    options: { path?: string; kind?: string } = {},
  ): Promise<Reply> {
    const path = /^https?:/i.test(sessionUuidOrUrl)
      ? sessionUuidOrUrl
      : this.paths.session(sessionUuidOrUrl);
    const body = {
      kind: options.kind ?? kindOf(this.context.profile, 'enum-value-update'),
      path: options.path ?? this.context.declaration.updatePath ?? updatePath(this.context.profile),
      value,
    };
    return this.raw('POST', path, {
      headers: { 'content-type': MEDIA.json, accept: MEDIA.json },
      body: JSON.stringify(body),
      expect: 'ExecutionSession',
    });
  }

  accept(session: string): Promise<Reply> {
    return this.update(session, 'ACCEPTED');
  }

  reject(session: string): Promise<Reply> {
    return this.update(session, 'REJECTED');
  }

  cancel(session: string): Promise<Reply> {
    return this.update(session, 'CANCELLED');
  }

  /** Direct execution: POST to the profile's direct path, following a 303 to the session. */
  async direct(
    body: unknown,
    options: CreateOptions = {},
  ): Promise<{ replies: Reply[]; exchanges: Exchange[]; status: number; session?: unknown }> {
    const format = options.format ?? 'json';
    const accept = options.accept ?? MEDIA.json;
    const post = await this.raw('POST', this.paths.direct, {
      headers: { 'content-type': MEDIA[format], accept, ...(options.headers ?? {}) },
      body: typeof body === 'string' ? body : serialise(body, format),
      expect: 'ExecutionSession',
    });
    const result: { replies: Reply[]; exchanges: Exchange[]; status: number; session?: unknown } = {
      replies: [post],
      exchanges: [post.exchange],
      status: post.status,
    };
    const location = post.headers.location;
    if (post.status === 303 && location !== undefined && options.followRedirect !== false) {
      const get = await this.raw('GET', new URL(location, this.url(this.paths.direct)).toString(), {
        headers: { accept },
        expect: 'ExecutionSession',
      });
      result.replies.push(get);
      result.exchanges.push(get.exchange);
      if (get.status === 200) result.session = get.body;
    } else if (post.status === 200 || post.status === 201) {
      result.session = post.body;
    }
    return result;
  }

  /**
   * Rejects every offer of an offerset that is still OFFERED, so generated requests do not
   * exhaust the target's capacity for the tests that follow. Failures here are ignored: this
   * is housekeeping, and the lifecycle suites check rejection properly.
   */
  async release(offerset: unknown): Promise<void> {
    const offers = offersOf(offerset);
    await Promise.all(
      offers.map(async (offer) => {
        const uuid = uuidOf(offer);
        if (uuid !== undefined && (offer as { phase?: unknown }).phase === 'OFFERED')
          await this.reject(uuid);
      }),
    );
  }
}

export function offersOf(offerset: unknown): unknown[] {
  if (typeof offerset !== 'object' || offerset === null) return [];
  const offers = (offerset as { offers?: unknown }).offers;
  return Array.isArray(offers) ? offers : [];
}

export function serialise(body: unknown, format: BodyFormat): string {
  if (format === 'json') return JSON.stringify(body);
  // A YAML document of the same value; yaml's stringify is exact for plain JSON data.
  return stringifyYaml(body);
}
