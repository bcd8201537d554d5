// The reference broker's public entry: start one in-process, plus the catalogue and config
// helpers the CLI and the model-based tests need.
import { readFileSync } from 'node:fs';
import { Broker } from './domain/broker.ts';
import { realClock, scaledClock, virtualClock, type Clock } from './domain/clock.ts';
import {
  defaultPlatform,
  parsePlatformConfig,
  platformFromRaw,
  type Identity,
  type PlatformConfig,
} from './domain/platform.ts';
import { parseFaults, type BehaviourName } from './faults.ts';
import { createApp } from './http/app.ts';
import { AuthConfigError, Authenticator, type AuthScheme } from './http/auth.ts';
import { requestLog, type LogMode, type RequestLog } from './http/log.ts';
import { allowsKindHost, isProfileName, wireProfile, type ProfileName } from './http/profiles.ts';
import { listen } from './server.ts';

export interface MockOptions {
  port?: number;
  host?: string;
  profile?: ProfileName;
  /** A YAML file path, or a config object (partial configs are laid over the default). */
  config?: string | PlatformConfig | Record<string, unknown>;
  timeScale?: number;
  clock?: 'real' | 'virtual';
  control?: boolean;
  faults?: string[];
  /** How writes are authenticated: `none` (default), `basic` (users) or `bearer` (token). */
  auth?: AuthScheme;
  /** Basic identities as NAME:PASSWORD, besides those of the platform config. */
  users?: readonly string[];
  /** Whether reads need credentials too (health never does). */
  authReads?: boolean;
  /** A bearer token; given alone, it means `auth: bearer`. */
  token?: string;
  createStatus?: 303 | 200;
  /** The host kind URIs are written under (www.purl.org by default, or w3id.org). */
  kindHost?: string;
  /** A line per request: none by default in-process (the CLI picks pretty or json). */
  log?: LogMode | RequestLog;
}

export interface MockBroker {
  url: string;
  close(): Promise<void>;
}

export class MockOptionsError extends Error {
  override name = 'MockOptionsError';
}

function isPlatformConfig(value: unknown): value is PlatformConfig {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PlatformConfig).offerLifetime === 'number'
  );
}

export function resolvePlatform(config: MockOptions['config']): PlatformConfig {
  if (config === undefined) return defaultPlatform();
  if (typeof config === 'string') return parsePlatformConfig(readFileSync(config, 'utf8'));
  if (isPlatformConfig(config)) return config;
  return platformFromRaw(config);
}

/**
 * The clock: virtual when asked, otherwise real, scaled when `timeScale` is not 1. A virtual
 * clock with a time scale is refused, as the two contradict each other.
 */
export function resolveClock(options: Pick<MockOptions, 'clock' | 'timeScale'>): Clock {
  const scale = options.timeScale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0)
    throw new MockOptionsError(`time scale must be a positive number, got ${scale}`);
  if (options.clock === 'virtual') {
    if (scale !== 1)
      throw new MockOptionsError('a virtual clock does not run, so it cannot be scaled');
    return virtualClock();
  }
  return scale === 1 ? realClock() : scaledClock(scale);
}

export function resolveFaults(names: string[] | undefined): Set<BehaviourName> {
  const { faults, unknown } = parseFaults(names ?? []);
  if (unknown.length > 0) {
    throw new MockOptionsError(
      `unknown fault${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (see --list-faults)`,
    );
  }
  return faults;
}

/** `NAME:PASSWORD` (the password may hold colons; the name may not). */
export function parseUser(text: string): Identity {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1)
    throw new MockOptionsError('a user is NAME:PASSWORD, both non-empty');
  return { name: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * Who may write: `--token` alone means bearer, users (or config identities) alone mean basic;
 * an explicit `auth` must agree with what was given.
 */
export function resolveAuth(
  options: Pick<MockOptions, 'auth' | 'users' | 'authReads' | 'token'>,
  configured: readonly Identity[] = [],
): Authenticator {
  const users = (options.users ?? []).map(parseUser);
  const scheme: AuthScheme =
    options.auth ??
    (options.token !== undefined
      ? 'bearer'
      : users.length + configured.length > 0
        ? 'basic'
        : 'none');
  if (scheme !== 'none' && scheme !== 'basic' && scheme !== 'bearer')
    throw new MockOptionsError(`auth must be none, basic or bearer, got ${String(scheme)}`);
  if (scheme !== 'basic' && users.length > 0)
    throw new MockOptionsError(`users are for basic auth, but auth is ${scheme}`);
  if (scheme !== 'bearer' && options.token !== undefined)
    throw new MockOptionsError(`a token is for bearer auth, but auth is ${scheme}`);
  if (scheme === 'none' && options.authReads === true)
    throw new MockOptionsError('closing reads needs an auth scheme: --auth basic or bearer');
  try {
    return new Authenticator({
      scheme,
      identities: [...configured, ...users],
      ...(options.token === undefined ? {} : { token: options.token }),
      reads: options.authReads === true,
    });
  } catch (error) {
    if (error instanceof AuthConfigError) throw new MockOptionsError(error.message);
    throw error;
  }
}

/** Starts a reference broker; `url` has no trailing slash. Always `close()` it. */
export async function startMockBroker(options: MockOptions = {}): Promise<MockBroker> {
  const profileName = options.profile ?? 'v1.0.7';
  if (!isProfileName(profileName))
    throw new MockOptionsError(`unknown profile ${String(profileName)}: use v1.0.7 or v1.0.5`);
  if (
    options.createStatus !== undefined &&
    options.createStatus !== 303 &&
    options.createStatus !== 200
  ) {
    throw new MockOptionsError(
      `create status must be 303 or 200, got ${String(options.createStatus)}`,
    );
  }
  if (options.kindHost !== undefined && !allowsKindHost(profileName, options.kindHost))
    throw new MockOptionsError(
      `kind host ${options.kindHost} is not one the ${profileName} profile allows (www.purl.org, w3id.org)`,
    );
  const faults = resolveFaults(options.faults);
  const platform = resolvePlatform(options.config);
  const clock = resolveClock(options);
  const broker = new Broker({ platform, clock, faults });
  const auth = resolveAuth(options, platform.identities);
  const log =
    typeof options.log === 'function'
      ? options.log
      : requestLog(options.log ?? 'none', (line) => process.stdout.write(line));
  let baseUrl = '';
  const app = createApp({
    broker,
    profile: wireProfile(profileName, options.kindHost),
    faults,
    control: options.control === true,
    createStatus: options.createStatus ?? 303,
    createBody: faults.has('create-body'),
    timeScale: clock.kind === 'scaled' ? (options.timeScale ?? 1) : 1,
    auth,
    ...(log === undefined ? {} : { log }),
    baseUrl: () => baseUrl,
  });
  return listen(app, options.host ?? '127.0.0.1', options.port ?? 0, (url) => {
    baseUrl = url;
  });
}

export { Broker } from './domain/broker.ts';
export type { OfferSet, UpdateOutcome } from './domain/broker.ts';
export {
  FAULTS,
  QUIRKS,
  CALYCOPIS_PRESET,
  CALYCOPIS_QUIRKS,
  parseFaults,
  type FaultName,
} from './faults.ts';
export {
  defaultPlatform,
  parsePlatformConfig,
  DEFAULT_PLATFORM_YAML,
  type PlatformConfig,
} from './domain/platform.ts';
export {
  virtualClock,
  realClock,
  scaledClock,
  type Clock,
  type VirtualClock,
} from './domain/clock.ts';
