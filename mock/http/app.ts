// The HTTP application: one request in, one reply out. It checks, in order, the token, the
// route, the method, what the client accepts, and the body's type, size and syntax, before a
// handler runs; then it writes the reply in the negotiated type. Anything a handler throws
// becomes a 500 with a clear message, so no input can take the broker down.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { stringify as toYaml } from 'yaml';
import type { Broker } from '../domain/broker.ts';
import type { FaultSet } from '../domain/faults.ts';
import { decodeText, parseText, readBody, sanitize } from './body.ts';
import { brokerError, errorBody, isBrokerError, type BrokerError } from './errors.ts';
import {
  contentTypeOf,
  negotiate,
  requestMedia,
  type MediaType,
  type RequestMedia,
} from './negotiate.ts';
import type { WireProfile } from './profiles.ts';
import { toXml } from './xml.ts';
import { advanceClock, getClock, getPlatform } from './routes/control.ts';
import { createOfferSet, getOfferSet } from './routes/offersets.ts';
import { directSession, getSession, updateSession } from './routes/sessions.ts';
import type { AppContext, Exchange, Handler, Reply, Route } from './routes/types.ts';

export interface AppOptions {
  broker: Broker;
  profile: WireProfile;
  faults: FaultSet;
  createStatus?: 303 | 200;
  control?: boolean;
  token?: string;
  /** Base URL for absolute links; read lazily because the port is known only after listen. */
  baseUrl: () => string;
}

export type RequestListener = ((request: IncomingMessage, response: ServerResponse) => void) & {
  /** Cancels the replies the `hang-on-bad-input` fault is holding back. */
  close(): void;
  /** Answers a request Node's parser refused before the listener saw it (server 'clientError'). */
  clientError(error: NodeJS.ErrnoException, socket: Duplex): void;
};

const BAD_INPUT = new Set(['malformed-body', 'bad-encoding', 'too-deep', 'invalid-body']);
const HANG_MS = 60_000;

function routesFor(profile: WireProfile, control: boolean): Route[] {
  const split = (path: string): string[] => path.split('/').filter((part) => part !== '');
  const routes: Route[] = [
    { segments: split(profile.createPath), methods: { POST: createOfferSet } },
    { segments: split(profile.directPath), methods: { POST: directSession } },
    { segments: ['offersets', ':uuid'], methods: { GET: getOfferSet } },
    { segments: ['sessions', ':uuid'], methods: { GET: getSession, POST: updateSession } },
  ];
  if (control) {
    routes.push(
      { segments: ['_control', 'clock'], methods: { GET: getClock } },
      { segments: ['_control', 'advance'], methods: { POST: advanceClock } },
      { segments: ['_control', 'platform'], methods: { GET: getPlatform } },
    );
  }
  return routes;
}

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Routes without parameters by their exact path, so a create needs no segment matching. A
 * route an earlier one would shadow is left to the ordered search, which keeps the first match.
 */
function staticRoutes(routes: Route[]): Map<string, Route> {
  const exact = new Map<string, Route>();
  routes.forEach((route, index) => {
    if (route.segments.some((segment) => segment.startsWith(':'))) return;
    const path = `/${route.segments.join('/')}`;
    if (match(routes.slice(0, index), new Map(), path) === undefined && !exact.has(path))
      exact.set(path, route);
  });
  return exact;
}

function match(
  routes: Route[],
  exact: Map<string, Route>,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const direct = exact.get(path);
  if (direct !== undefined) return { route: direct, params: NO_PARAMS };
  const parts = path.split('/').filter((part) => part !== '');
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = route.segments.every((segment, i) => {
      const part = parts[i]!;
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = part;
        return true;
      }
      return segment === part;
    });
    if (fits) return { route, params };
  }
  return undefined;
}

function decodePath(raw: string): string {
  const query = raw.indexOf('?');
  const path = query === -1 ? raw : raw.slice(0, query);
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

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
  return toYaml(body, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** One request as handlers see it; the body is read and parsed once, on first use. */
class RequestExchange implements Exchange {
  private parsed: Promise<unknown> | undefined;

  constructor(
    readonly method: string,
    readonly path: string,
    readonly params: Record<string, string>,
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
  const routes = routesFor(profile, options.control === true);
  const exact = staticRoutes(routes);
  const held = new Set<NodeJS.Timeout>();
  const context: AppContext = {
    broker,
    faults,
    createStatus: options.createStatus ?? 303,
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

  // Clients send the same few Accept headers over and over; remember what each one chose.
  const negotiated = new Map<string, MediaType | undefined>();
  const negotiateOptions = {
    supported: ['yaml', 'json', 'xml'] as const,
    ignoreQ: faults.has('ignore-q-values'),
  };

  // And the same few Content-Type headers.
  const bodyMedias = new Map<string, RequestMedia>();
  function bodyMedia(contentType: string | undefined): RequestMedia {
    if (contentType === undefined) return requestMedia(contentType);
    let media = bodyMedias.get(contentType);
    if (media === undefined) {
      media = requestMedia(contentType);
      if (bodyMedias.size >= 256) bodyMedias.clear();
      bodyMedias.set(contentType, media);
    }
    return media;
  }

  /** Picks the response type; undefined means 406. The negotiation faults live here. */
  function responseMedia(request: IncomingMessage): MediaType | undefined {
    const accept = header(request, 'accept');
    const declared = accept !== undefined && accept.trim() !== '';
    if (!declared && faults.has('json-default')) return 'json';
    const key = accept ?? '';
    let chosen = negotiated.get(key);
    if (chosen === undefined && !negotiated.has(key)) {
      chosen = negotiate(accept, negotiateOptions);
      if (negotiated.size >= 256) negotiated.clear();
      negotiated.set(key, chosen);
    }
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

  async function dispatch(
    request: IncomingMessage,
  ): Promise<{ reply: Reply | BrokerError; media: MediaType | undefined }> {
    const media = responseMedia(request);
    // Node would refuse this itself with a bare 400; the server leaves it to us (see server.ts).
    if (request.headers.host === undefined && request.httpVersion === '1.1')
      return { reply: brokerError('missing-host', {}), media };
    if (
      options.token !== undefined &&
      header(request, 'authorization') !== `Bearer ${options.token}`
    ) {
      return {
        reply: brokerError(
          'unauthorized',
          {},
          { headers: { 'www-authenticate': 'Bearer realm="eb-conform"' } },
        ),
        media,
      };
    }
    const path = decodePath(request.url ?? '/');
    const found = match(routes, exact, path);
    if (found === undefined) return { reply: brokerError('no-such-route', { path }), media };
    const method = request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET');
    const handler: Handler | undefined = found.route.methods[method];
    if (handler === undefined) {
      const allow = Object.keys(found.route.methods).join(', ');
      return {
        reply: brokerError('method-not-allowed', { method, path, allow }, { headers: { allow } }),
        media,
      };
    }
    if (media === undefined) {
      const accept = header(request, 'accept') ?? '';
      return {
        reply: brokerError('not-acceptable', {
          accept,
          supported: 'application/yaml, application/json, application/xml',
        }),
        media,
      };
    }
    const exchange = new RequestExchange(method, path, found.params, request, readParsed);
    return { reply: await handler(context, exchange), media };
  }

  /** Turns an error into what the faults say the client gets. */
  function degrade(error: BrokerError): BrokerError {
    if (BAD_INPUT.has(error.name) && faults.has('5xx-on-bad-input')) {
      return brokerError('internal-error', { detail: error.message });
    }
    return error;
  }

  function write(
    response: ServerResponse,
    reply: Reply | BrokerError,
    media: MediaType | undefined,
  ): void {
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
    }
    const chosen = media ?? 'json';
    if (body === undefined) {
      response.writeHead(status, headerList(headers, 'content-length', '0'));
      response.end();
      return;
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
  }

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let outcome: { reply: Reply | BrokerError; media: MediaType | undefined };
    try {
      outcome = await dispatch(request);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      outcome = { reply: brokerError('internal-error', { detail }), media: 'json' };
    }
    const { reply, media } = outcome;
    const hang =
      isBrokerError(reply) && BAD_INPUT.has(reply.name) && faults.has('hang-on-bad-input');
    if (!hang) return write(response, reply, media);
    const timer = setTimeout(() => {
      held.delete(timer);
      if (!response.destroyed) write(response, reply, media);
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

/** Which template answers each parser failure; anything else is plain bad HTTP. */
const CLIENT_ERRORS: Record<string, 'headers-too-large' | 'request-timeout'> = {
  HPE_HEADER_OVERFLOW: 'headers-too-large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request-timeout',
};

/**
 * Node answers unparseable requests with a bare status line unless told otherwise; this keeps
 * them in the error catalogue like every other error. Headers are unknown at this point, so the
 * body is JSON, and the connection is closed because the stream cannot be trusted any more.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reply already under way (a timeout mid-response) cannot be replaced, only cut; Node
  // records it on the socket, which is the one place to read it from.
  const pending = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent === true) {
    socket.destroy();
    return;
  }
  const name = CLIENT_ERRORS[error.code ?? ''] ?? 'bad-http';
  const reply = brokerError(name, { code: error.code ?? 'unknown' });
  const text = JSON.stringify(errorBody(reply));
  socket.end(
    `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status]}\r\n` +
      'Connection: close\r\n' +
      `Content-Type: ${contentTypeOf('json')}\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
