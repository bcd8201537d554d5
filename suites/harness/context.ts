// Where the suites find their target. `eb-conform run` hands the workers one serialised object,
// EB_SETTINGS (made once by the CLI's option resolution, see cli/options/), so nothing is parsed
// twice. For plain vitest, `EB_TARGET=http://host:port npx vitest run --project conformance`
// is enough (everything else takes its default), and without either the conformance project's
// global setup starts the built-in broker and provides its settings.

import { inject } from 'vitest';
import { checkDeclaration, type Declaration, type ProfileName } from './declaration.ts';

export type { Declaration, ProfileName } from './declaration.ts';
export { isProfileName } from './declaration.ts';

/** An HTTP Basic identity (`--user NAME:PASSWORD`). */
export interface Credentials {
  user: string;
  password: string;
}

/** Everything a worker needs to know about the run; JSON-serialisable. */
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
  runDir?: string;
  /** True when the target's clock can be driven through /_control (built-in broker). */
  control: boolean;
  /** True when the target is the built-in reference broker. */
  builtIn: boolean;
  /** Which requirements the gate needs checked: waits are made as long as that needs. */
  failOn: 'must' | 'should';
  /** Validate against this OpenAPI file or folder instead of spec/execution-broker.yaml. */
  spec?: string;
  /** The identity writes are sent as (Basic auth), when given. */
  credentials?: Credentials;
  /** A second identity, for the ownership checks (another identity's update gets 403). */
  secondCredentials?: Credentials;
}

export class ContextError extends Error {
  override name = 'ContextError';
}

/** The variable that carries the serialised context from the runner to its workers. */
export const SETTINGS_VARIABLE = 'EB_SETTINGS';

export const DEFAULTS = {
  profile: 'v1.0.7' as ProfileName,
  seed: 42,
  runs: 50,
  /** Covers the 5-minute offers real brokers make, plus their expiry grace. */
  maxWaitMs: 10 * 60_000,
  requestTimeoutMs: 10_000,
};

/** `NAME:PASSWORD` (the password may itself hold colons). */
export function parseCredentials(text: string, origin = '--user'): Credentials {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new ContextError(`${origin} expects NAME:PASSWORD`);
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

export function encodeContext(context: TargetContext): string {
  return JSON.stringify(context);
}

function injectedSettings(): string | undefined {
  try {
    // Provided by the conformance project's global setup when it started the built-in broker.
    const value = (inject as (key: string) => unknown)('ebSettings');
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A broker base URL: http(s) only, without trailing slashes. */
export function targetUrl(text: string, origin: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new ContextError(`${origin} must be an http(s) URL, got "${text}"`);
  return text.replace(/\/+$/, '');
}

/** Checks a decoded EB_SETTINGS object: it comes from our own runner, but may be hand-made. */
export function decodeContext(text: string, origin = SETTINGS_VARIABLE): TargetContext {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ContextError(`${origin} is not JSON`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ContextError(`${origin} must be a JSON object`);
  const given = raw as Partial<Record<keyof TargetContext, unknown>>;
  if (typeof given.target !== 'string') throw new ContextError(`${origin} has no target`);
  const declaration = checkDeclaration(given.declaration ?? {}, `${origin} declaration`);
  const profile = given.profile ?? declaration.profile ?? DEFAULTS.profile;
  if (profile !== 'v1.0.7' && profile !== 'v1.0.5')
    throw new ContextError(`${origin}: profile must be v1.0.7 or v1.0.5`);
  const number = (key: 'seed' | 'runs' | 'maxWaitMs' | 'requestTimeoutMs', least: number) => {
    const value = given[key] ?? DEFAULTS[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < least)
      throw new ContextError(`${origin}: ${key} must be an integer of at least ${least}`);
    return value;
  };
  const context: TargetContext = {
    target: targetUrl(given.target, origin === 'EB_TARGET' ? origin : `${origin} target`),
    profile,
    declaration,
    seed: number('seed', 0),
    runs: number('runs', 1),
    maxWaitMs: number('maxWaitMs', 0),
    requestTimeoutMs: number('requestTimeoutMs', 1),
    headers: {},
    control: given.control === true || declaration.controlClock === true,
    builtIn: given.builtIn === true,
    failOn: given.failOn === 'should' ? 'should' : 'must',
  };
  if (typeof given.headers === 'object' && given.headers !== null)
    for (const [name, value] of Object.entries(given.headers))
      context.headers[name] = String(value);
  if (typeof given.runDir === 'string' && given.runDir !== '') context.runDir = given.runDir;
  if (typeof given.spec === 'string' && given.spec !== '') context.spec = given.spec;
  for (const key of ['credentials', 'secondCredentials'] as const) {
    const value = given[key] as Partial<Credentials> | undefined;
    if (value === undefined) continue;
    if (typeof value.user !== 'string' || typeof value.password !== 'string')
      throw new ContextError(`${origin}: ${key} must be {user, password}`);
    context[key] = { user: value.user, password: value.password };
  }
  return context;
}

let cached: { key: string; context: TargetContext } | undefined;

/**
 * The target of this run. Throws ContextError for a missing target or bad settings, which a
 * test reports as ERROR: there is nothing to test.
 */
export function targetContext(): TargetContext {
  const settings = process.env[SETTINGS_VARIABLE] ?? injectedSettings();
  const target = process.env.EB_TARGET?.trim();
  const key = `${settings ?? ''}\n${target ?? ''}`;
  if (cached?.key === key) return cached.context;
  let context: TargetContext;
  if (settings !== undefined && settings.trim() !== '') context = decodeContext(settings);
  else if (target !== undefined && target !== '')
    context = decodeContext(JSON.stringify({ target }), 'EB_TARGET');
  else
    throw new ContextError(
      'no target: set EB_TARGET to the broker base URL (or run through eb-conform run)',
    );
  cached = { key, context };
  return context;
}
