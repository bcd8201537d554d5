// Where the suites find their target. Everything comes from the environment so that a plain
// `EB_TARGET=http://host:port npx vitest run --project conformance` works exactly like
// `eb-conform run`; the runner only sets these variables before it starts vitest.

import { inject } from 'vitest';
import {
  isProfileName,
  loadDeclaration,
  type Declaration,
  type ProfileName,
} from './declaration.ts';

export type { Declaration, ProfileName } from './declaration.ts';
export { isProfileName } from './declaration.ts';

/** An HTTP Basic identity (`--user NAME:PASSWORD`). */
export interface Credentials {
  user: string;
  password: string;
}

export interface TargetContext {
  /** Base URL, no trailing slash. */
  target: string;
  profile: ProfileName;
  declaration: Declaration;
  seed: number;
  /** Generated cases per property. */
  runs: number;
  /** The longest a test may wait for the broker to do something by itself (expiry, progress). */
  maxWaitMs: number;
  headers: Record<string, string>;
  requestTimeoutMs: number;
  /** Where workers leave evidence for the runner; undefined when run by plain vitest. */
  runDir: string | undefined;
  /** True when the target's clock can be driven through /_control (built-in broker). */
  control: boolean;
  /** True when the target is the built-in reference broker. */
  builtIn: boolean;
  /** The identity writes are sent as (Basic auth), when given. */
  credentials?: Credentials;
  /** A second identity, for the ownership checks (another identity's update gets 403). */
  secondCredentials?: Credentials;
}

export class ContextError extends Error {
  override name = 'ContextError';
}

export const DEFAULTS = {
  profile: 'v1.0.7' as ProfileName,
  runs: 50,
  maxWaitMs: 30_000,
  requestTimeoutMs: 10_000,
};

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function injected(key: 'ebTarget' | 'ebDeclare' | 'ebControl'): string | undefined {
  try {
    // Set by global-setup.ts when it started the built-in broker; absent outside vitest.
    const value = (inject as (key: string) => unknown)(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

function positiveInt(name: string, fallback: number): number {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ContextError(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

/** `NAME:PASSWORD` (the password may itself hold colons). */
export function parseCredentials(text: string, origin = '--user'): Credentials {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new ContextError(`${origin} expects NAME:PASSWORD`);
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

function parseHeaders(raw: string | undefined): Record<string, string> {
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ContextError('EB_HEADERS must be a JSON object of header names to values');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ContextError('EB_HEADERS must be a JSON object of header names to values');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) headers[name] = String(value);
  return headers;
}

let cached: { key: string; context: TargetContext } | undefined;

/**
 * The target of this run. Throws ContextError for a missing target or bad settings, which a
 * test reports as ERROR: there is nothing to test.
 */
export function targetContext(): TargetContext {
  const target = env('EB_TARGET') ?? injected('ebTarget');
  const declareFile = env('EB_DECLARE') ?? injected('ebDeclare');
  const key = JSON.stringify([
    target,
    declareFile,
    process.env.EB_PROFILE,
    process.env.EB_SEED,
    process.env.EB_RUNS,
    process.env.EB_USER,
    process.env.EB_SECOND_USER,
  ]);
  if (cached?.key === key) return cached.context;
  if (target === undefined) {
    throw new ContextError(
      'no target: set EB_TARGET to the broker base URL (or run through eb-conform run)',
    );
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ContextError(`EB_TARGET is not a URL: "${target}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ContextError(`EB_TARGET must be an http(s) URL, got "${target}"`);
  }
  const declaration = declareFile === undefined ? {} : loadDeclaration(declareFile);
  const profileRaw = env('EB_PROFILE') ?? declaration.profile ?? DEFAULTS.profile;
  if (!isProfileName(profileRaw))
    throw new ContextError(`EB_PROFILE must be v1.0.7 or v1.0.5, got "${profileRaw}"`);
  const context: TargetContext = {
    target: target.replace(/\/+$/, ''),
    profile: profileRaw,
    declaration,
    seed: positiveInt('EB_SEED', 42),
    runs: Math.max(1, positiveInt('EB_RUNS', DEFAULTS.runs)),
    maxWaitMs: positiveInt('EB_MAX_WAIT_MS', DEFAULTS.maxWaitMs),
    headers: parseHeaders(env('EB_HEADERS')),
    requestTimeoutMs: Math.max(1, positiveInt('EB_REQUEST_TIMEOUT_MS', DEFAULTS.requestTimeoutMs)),
    runDir: env('EB_RUN_DIR'),
    control:
      (env('EB_CONTROL') ?? injected('ebControl')) === '1' || declaration.controlClock === true,
    builtIn: env('EB_BUILT_IN') === '1' || injected('ebTarget') !== undefined,
  };
  const user = env('EB_USER');
  if (user !== undefined) context.credentials = parseCredentials(user, 'EB_USER');
  const second = env('EB_SECOND_USER');
  if (second !== undefined) context.secondCredentials = parseCredentials(second, 'EB_SECOND_USER');
  cached = { key, context };
  return context;
}
