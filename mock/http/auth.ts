// Who is asking. With `basic`, writes need HTTP Basic credentials of a known identity, as on the
// newest Calycopis brokers; with `bearer`, the one token given (`--token`). Reads stay open
// unless `reads` is set; health is always open. A refusal is a 401 with a challenge, and never
// repeats what the client sent: credentials appear in no error body and no log line.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Identity } from '../domain/platform.ts';
import { brokerError, type BrokerError } from './errors.ts';

export type AuthScheme = 'none' | 'basic' | 'bearer';

export interface AuthOptions {
  scheme: AuthScheme;
  /** Basic identities (name, password). */
  identities?: readonly Identity[];
  /** The bearer token. */
  token?: string;
  /** Whether reads need credentials too. */
  reads?: boolean;
}

/** The one identity bearer clients share: a token names no one in particular. */
export const BEARER_IDENTITY = 'bearer';
const REALM = 'eb-conform';

export type AuthResult =
  { ok: true; identity: string | undefined } | { ok: false; error: BrokerError };

const ANONYMOUS: AuthResult = { ok: true, identity: undefined };

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Equal texts, compared in a time that does not depend on where they differ. */
function same(a: Buffer, b: string): boolean {
  return timingSafeEqual(a, digest(b));
}

export class AuthConfigError extends Error {
  override name = 'AuthConfigError';
}

export class Authenticator {
  readonly scheme: AuthScheme;
  private readonly reads: boolean;
  private readonly passwords = new Map<string, Buffer>();
  private readonly token: Buffer | undefined;
  /** Authorization headers already accepted, by the identity they name (bounded). */
  private readonly accepted = new Map<string, string>();

  constructor(options: AuthOptions) {
    this.scheme = options.scheme;
    this.reads = options.reads === true;
    if (options.scheme === 'basic') {
      for (const { name, password } of options.identities ?? []) {
        if (this.passwords.has(name)) throw new AuthConfigError(`identity ${name} is given twice`);
        this.passwords.set(name, digest(password));
      }
      if (this.passwords.size === 0)
        throw new AuthConfigError(
          'basic auth needs at least one identity: --user NAME:PASSWORD or identities in the config',
        );
    }
    if (options.scheme === 'bearer' && (options.token === undefined || options.token === ''))
      throw new AuthConfigError('bearer auth needs a token: --token T');
    this.token = options.token === undefined ? undefined : digest(`Bearer ${options.token}`);
  }

  /** Whether a request with this method needs credentials (public routes never do). */
  needs(method: string): boolean {
    if (this.scheme === 'none') return false;
    return this.reads || (method !== 'GET' && method !== 'HEAD');
  }

  /** The identity behind an Authorization header, or the 401 to answer. */
  check(header: string | undefined): AuthResult {
    if (this.scheme === 'none') return ANONYMOUS;
    if (header !== undefined) {
      const known = this.accepted.get(header);
      if (known !== undefined) return { ok: true, identity: known };
      const identity = this.scheme === 'basic' ? this.basic(header) : this.bearer(header);
      if (identity !== undefined) {
        if (this.accepted.size >= 256) this.accepted.clear();
        this.accepted.set(header, identity);
        return { ok: true, identity };
      }
    }
    return { ok: false, error: this.challenge() };
  }

  private basic(header: string): string | undefined {
    const match = /^basic +([A-Za-z0-9+/=]+) *$/i.exec(header);
    if (match === null) return undefined;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return undefined;
    const name = decoded.slice(0, colon);
    const password = this.passwords.get(name);
    // A wrong name costs the same comparison as a wrong password.
    const ok = same(password ?? digest(''), decoded.slice(colon + 1));
    return ok && password !== undefined ? name : undefined;
  }

  private bearer(header: string): string | undefined {
    const normal = header.replace(/^bearer +/i, 'Bearer ');
    return this.token !== undefined && same(this.token, normal) ? BEARER_IDENTITY : undefined;
  }

  private challenge(): BrokerError {
    const basic = this.scheme === 'basic';
    return brokerError(
      'unauthorized',
      {
        send: basic
          ? '"Authorization: Basic <base64 of NAME:PASSWORD>" for a known identity'
          : '"Authorization: Bearer <token>"',
      },
      { headers: { 'www-authenticate': `${basic ? 'Basic' : 'Bearer'} realm="${REALM}"` } },
    );
  }
}
