// The HTTP application: one request in, one reply out. It checks, in order, the route, the
// method, the credentials, what the client accepts, and the body's type, size and syntax,
// before a handler runs; then it writes the reply in the negotiated type and logs one line.
// Anything a handler throws becomes a 500 with a clear message, so no input can take the
// broker down.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Broker } from '../domain/broker.ts';
import type { FaultSet } from '../domain/faults.ts';
import { Authenticator } from './auth.ts';
import { decodeText, parseText, readBody, sanitize } from './body.ts';
import { answerClientError } from './client-error.ts';
import { brokerError, errorBody, isBrokerError, type BrokerError } from './errors.ts';
import { pathOnly, type RequestLog } from './log.ts';
import { contentTypeOf, negotiator, requestMediaReader, type MediaType } from './negotiate.ts';
import type { WireProfile } from './profiles.ts';
import { decodePath, Router } from './router.ts';
import type { AppContext, Exchange, Handler, Reply } from './routes/types.ts';
import { toXml } from './xml.ts';
import { toYamlText } from './yaml.ts';

export interface AppOptions {
  broker: Broker;
  profile: WireProfile;
  faults: FaultSet;
  createStatus?: 303 | 200;
  /** Whether a 303 to a create carries the OfferSet too (as the Java broker's does). */
  createBody?: boolean;
  control?: boolean;
  /** Who may write (and read): none by default. */
  auth?: Authenticator;
  /** A line per request; none by default. */
  log?: RequestLog;
  /** How many broker milliseconds pass per real one (Retry-After is in real seconds). */
  timeScale?: number;
  /** Base URL for absolute links; read lazily because the port is known only after listen. */
  baseUrl: () => string;
}

export type RequestListener = ((request: IncomingMessage, response: ServerResponse) => void) & {
  /** Cancels the replies the `hang-on-bad-input` fault is holding back. */
  close(): void;
  /** Answers a request Node's parser refused before the listener saw it (server 'clientError'). */
  clientError(error: NodeJS.ErrnoException, socket: Duplex): void;
};

type Outcome = { reply: Reply | BrokerError; media: MediaType | undefined };

const BAD_INPUT = new Set(['malformed-body', 'bad-encoding', 'too-deep', 'invalid-body']);
/** What the `5xx-on-bad-input` fault turns into a 500: a body of the wrong shape stays a 400. */
const UNPARSEABLE = new Set(['malformed-body', 'bad-encoding', 'too-deep']);
const HANG_MS = 60_000;
const NO_AUTH = new Authenticator({ scheme: 'none' });

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Headers as Node's flat [name, value, name, value...] list, plus one more pair. Every reply
 * goes through here; the list form skips the per-key work writeHead does on an object, and
 * building it avoids object spread, which is slow in V8 for these small literal objects.
 */
function headerList(headers: Record<string, string>, name: string, value: string): string[] {
  const list: string[] = [];
  // The body's type and length are the app's to set, never a handler's.
  for (const key of Object.keys(headers))
    if (key !== 'content-type' && key !== 'content-length') list.push(key, headers[key]!);
  list.push(name, value);
  return list;
}

function serialise(body: unknown, media: MediaType): string {
  if (media === 'json') return JSON.stringify(body);
  if (media === 'xml') return toXml(body);
  return toYamlText(body);
}

/** One request as handlers see it; the body is read and parsed once, on first use. */
class RequestExchange implements Exchange {
  private parsed: Promise<unknown> | undefined;

  constructor(
    readonly method: string,
    readonly path: string,
    readonly params: Record<string, string>,
    readonly identity: string | undefined,
    private readonly request: IncomingMessage,
    private readonly parse: (request: IncomingMessage) => Promise<unknown>,
  ) {}

  body(): Promise<unknown> {
    this.parsed ??= this.parse(this.request);
    return this.parsed;
  }
}

export function createApp(options: AppOptions): RequestListener {
  const { broker, profile, faults } = options;
  const router = new Router(profile, options.control === true);
  const auth = options.auth ?? NO_AUTH;
  const log = options.log;
  const held = new Set<NodeJS.Timeout>();
  const context: AppContext = {
    broker,
    faults,
    createStatus: options.createStatus ?? 303,
    createBody: options.createBody === true,
    timeScale: options.timeScale ?? 1,
    render: {
      broker,
      profile,
      faults,
      get baseUrl() {
        return options.baseUrl();
      },
    },
    pause: () => new Promise((resolve) => setTimeout(resolve, 25)),
  };
  // Clients send the same few Accept and Content-Type headers over and over.
  const negotiate = negotiator({
    supported: ['yaml', 'json', 'xml'],
    ignoreQ: faults.has('ignore-q-values'),
  });
  const bodyMedia = requestMediaReader();

  /** Picks the response type; undefined means 406. The negotiation faults live here. */
  function responseMedia(request: IncomingMessage): MediaType | undefined {
    const accept = header(request, 'accept');
    const declared = accept !== undefined && accept.trim() !== '';
    if (!declared && faults.has('json-default')) return 'json';
    const chosen = negotiate(accept);
    if (chosen === 'yaml' && declared && faults.has('yaml-response-as-json')) return 'json';
    if (chosen === undefined && faults.has('accept-anything')) return 'yaml';
    return chosen;
  }

  async function readParsed(request: IncomingMessage): Promise<unknown> {
    const declared = bodyMedia(header(request, 'content-type'));
    let media: MediaType;
    if (declared.kind === 'unsupported') {
      if (!faults.has('accept-anything')) {
        return brokerError('unsupported-media-type', {
          type: declared.name,
          supported: 'application/yaml, application/json or application/xml',
        });
      }
      media = 'yaml';
    } else media = declared.kind === 'none' ? 'yaml' : declared.media;
    if (
      (media === 'yaml' && declared.kind === 'media' && faults.has('yaml-unsupported')) ||
      (media === 'json' && faults.has('json-unsupported'))
    ) {
      return brokerError('unsupported-media-type', {
        type: declared.kind === 'media' ? contentTypeOf(media) : 'none',
        supported: media === 'json' ? 'application/yaml' : 'application/json',
      });
    }
    const bytes = await readBody(request);
    if (isBrokerError(bytes)) return bytes;
    const text = decodeText(bytes);
    if (isBrokerError(text)) return text;
    const parsed = parseText(text, media);
    if (isBrokerError(parsed)) return parsed;
    // JSON.parse already yields plain data (`__proto__` as an ordinary key) and the depth was
    // checked before parsing; only YAML, with its richer node types, needs the defensive copy.
    return media === 'json' ? parsed : sanitize(parsed);
  }

  async function dispatch(request: IncomingMessage): Promise<Outcome> {
    const media = responseMedia(request);
    // Node would refuse this itself with a bare 400; the server leaves it to us (see server.ts).
    if (request.headers.host === undefined && request.httpVersion === '1.1')
      return { reply: brokerError('missing-host', {}), media };
    const path = decodePath(request.url ?? '/');
    const found = router.match(path);
    if (found === undefined) return { reply: brokerError('no-such-route', { path }), media };
    const method = request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET');
    const { route } = found;
    const handler: Handler | undefined = route.methods[method];
    if (handler === undefined) {
      const allow = Object.keys(route.methods).join(', ');
      return {
        reply: brokerError('method-not-allowed', { method, path, allow }, { headers: { allow } }),
        media,
      };
    }
    let identity: string | undefined;
    if (auth.scheme !== 'none' && route.public !== true) {
      const checked = auth.check(header(request, 'authorization'));
      // The `auth-ignored` fault carries out what it should have refused.
      if (!checked.ok && auth.needs(method) && !faults.has('auth-ignored'))
        return { reply: checked.error, media };
      if (checked.ok) identity = checked.identity;
    }
    if (media === undefined && route.text !== true) {
      const accept = header(request, 'accept') ?? '';
      return {
        reply: brokerError('not-acceptable', {
          accept,
          supported: 'application/yaml, application/json, application/xml',
        }),
        media,
      };
    }
    const exchange = new RequestExchange(method, path, found.params, identity, request, readParsed);
    return { reply: await handler(context, exchange), media };
  }

  /** Turns an error into what the faults say the client gets. */
  function degrade(error: BrokerError): BrokerError {
    if (UNPARSEABLE.has(error.name) && faults.has('5xx-on-bad-input')) {
      return brokerError('internal-error', { detail: error.message });
    }
    return error;
  }

  function write(
    response: ServerResponse,
    reply: Reply | BrokerError,
    media: MediaType | undefined,
  ): number {
    let status: number;
    let body: unknown;
    let headers: Record<string, string>;
    if (isBrokerError(reply)) {
      const error = degrade(reply);
      status = error.status;
      headers = error.headers;
      const bare = faults.has('bare-errors') && status >= 400 && status < 500;
      const unknownUuid =
        (error.name === 'unknown-offerset' || error.name === 'unknown-session') &&
        faults.has('unknown-uuid-200');
      if (unknownUuid) status = 200;
      body = bare || unknownUuid ? undefined : errorBody(error);
    } else {
      status = reply.status;
      headers = reply.headers ?? {};
      body = reply.body;
      if (reply.text !== undefined) {
        const list = headerList(headers, 'content-type', 'text/plain; charset=utf-8');
        list.push('content-length', String(Buffer.byteLength(reply.text)));
        response.writeHead(status, list);
        response.end(reply.text);
        return status;
      }
    }
    const chosen = media ?? 'json';
    if (body === undefined) {
      response.writeHead(status, headerList(headers, 'content-length', '0'));
      response.end();
      return status;
    }
    const text = serialise(body, chosen);
    const type =
      chosen === 'json' && faults.has('wrong-content-type')
        ? 'text/plain; charset=utf-8'
        : contentTypeOf(chosen);
    const list = headerList(headers, 'content-type', type);
    list.push('content-length', String(Buffer.byteLength(text)));
    response.writeHead(status, list);
    response.end(text);
    return status;
  }

  function finish(request: IncomingMessage, started: number, status: number): void {
    if (log === undefined) return;
    log({
      method: request.method ?? 'GET',
      path: pathOnly(request.url ?? '/'),
      status,
      ms: performance.now() - started,
      time: Date.now(),
    });
  }

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = log === undefined ? 0 : performance.now();
    let outcome: Outcome;
    try {
      outcome = await dispatch(request);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      outcome = { reply: brokerError('internal-error', { detail }), media: 'json' };
    }
    const { reply, media } = outcome;
    const hang =
      isBrokerError(reply) && BAD_INPUT.has(reply.name) && faults.has('hang-on-bad-input');
    if (!hang) {
      finish(request, started, write(response, reply, media));
      return;
    }
    const timer = setTimeout(() => {
      held.delete(timer);
      if (!response.destroyed) finish(request, started, write(response, reply, media));
    }, HANG_MS);
    held.add(timer);
  }

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    respond(request, response).catch(() => {
      // The reply could not be written (the client went away mid-write): nothing left to tell it.
      if (!response.headersSent) response.destroy();
    });
  };
  return Object.assign(listener, {
    close(): void {
      for (const timer of held) clearTimeout(timer);
      held.clear();
    },
    clientError: answerClientError,
  });
}
