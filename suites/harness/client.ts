// The only way the suites talk to a broker: the profile's operations (create and follow the
// 303, read, update, direct execution, housekeeping) over the transport (transport.ts), which
// never hangs, never follows redirects behind the test's back and records every exchange.

import type { Exchange } from '../../contract/result.ts';
import { MEDIA, offersOf, serialise, uuidOf, type BodyFormat } from './bodies.ts';
import { targetContext, type TargetContext } from './context.ts';
import { startWindows } from './offers.ts';
import { kindOf, profilePaths, updatePath, type ProfilePaths } from './profile.ts';
import { sightings } from './sightings.ts';
import { send, type Reply, type SendOptions } from './transport.ts';

export {
  isJsonType,
  isYamlType,
  MAX_BODY_BYTES,
  MEDIA,
  mediaType,
  offersOf,
  parseBody,
  RECORDED_BODY_CHARS,
  serialise,
  uuidOf,
  type BodyFormat,
} from './bodies.ts';
export {
  authorizationFor,
  onAnswer,
  type AnswerListener,
  type AnswerNote,
  type DocumentType,
  type Identity,
  type Reply,
  type SendOptions,
} from './transport.ts';

export interface CreateResult {
  /** The create POST, then the GET of the Location when it was followed. */
  replies: Reply[];
  exchanges: Exchange[];
  /** Status of the create POST itself. */
  status: number;
  /** The OfferSet: the body of the followed GET, or of the POST when it answered 200. */
  offerset?: unknown;
}

export interface CreateOptions {
  format?: BodyFormat;
  accept?: string;
  /** Follow a 303 Location with a GET (default true). */
  followRedirect?: boolean;
  headers?: Record<string, string>;
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
  raw(method: string, pathOrUrl: string, options: SendOptions = {}): Promise<Reply> {
    return send(this.context, method, this.url(pathOrUrl), options);
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
