// Where the suites find their target. Everything comes from the environment so that a plain
// `EB_TARGET=http://host:port npx vitest run --project conformance` works exactly like
// `eb-conform run`; the runner only sets these variables before it starts vitest.

import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { parse as parseYaml } from 'yaml';

export type ProfileName = 'v1.0.7' | 'v1.0.5';

/** What the operator of a target tells the suite about it (the --declare file). */
export interface Declaration {
  profile?: ProfileName;
  /** The `path` an update names to change a session's phase (default `phase`). */
  updatePath?: string;
  /** Platform totals, needed by the capacity checks; cores in cores, memory and storage in GiB. */
  capacity?: { cores?: number; memory?: number; storage?: number };
  /** How long a fresh offer lives, as an ISO 8601 duration. */
  offerLifetime?: string;
  /** Whether the target implements direct execution. */
  direct?: boolean;
  /** Whether the target speaks XML (optional in the standard). */
  xml?: boolean;
  /** Whether the target exposes the reference broker's /_control clock endpoints. */
  controlClock?: boolean;
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

export function isProfileName(value: unknown): value is ProfileName {
  return value === 'v1.0.7' || value === 'v1.0.5';
}

/** Reads and checks a declaration file; every problem is reported, none is guessed around. */
export function loadDeclaration(file: string): Declaration {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContextError(`cannot read declaration ${file}: ${(error as Error).message}`);
  }
  return checkDeclaration(doc ?? {}, file);
}

export function checkDeclaration(doc: unknown, origin = 'declaration'): Declaration {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ContextError(`${origin}: expected a mapping`);
  }
  const input = doc as Record<string, unknown>;
  const problems: string[] = [];
  const out: Declaration = {};
  const known = new Set([
    'profile',
    'updatePath',
    'capacity',
    'offerLifetime',
    'direct',
    'xml',
    'controlClock',
  ]);
  for (const key of Object.keys(input))
    if (!known.has(key)) problems.push(`unknown field "${key}"`);
  if (input.profile !== undefined) {
    if (isProfileName(input.profile)) out.profile = input.profile;
    else problems.push('profile must be v1.0.7 or v1.0.5');
  }
  if (input.updatePath !== undefined) {
    if (typeof input.updatePath === 'string' && input.updatePath !== '')
      out.updatePath = input.updatePath;
    else problems.push('updatePath must be a non-empty string');
  }
  if (input.offerLifetime !== undefined) {
    if (typeof input.offerLifetime === 'string' && /^P/.test(input.offerLifetime))
      out.offerLifetime = input.offerLifetime;
    else problems.push('offerLifetime must be an ISO 8601 duration such as PT5M');
  }
  for (const flag of ['direct', 'xml', 'controlClock'] as const) {
    const value = input[flag];
    if (value === undefined) continue;
    if (typeof value === 'boolean') out[flag] = value;
    else problems.push(`${flag} must be true or false`);
  }
  if (input.capacity !== undefined) {
    const capacity = input.capacity;
    if (typeof capacity !== 'object' || capacity === null || Array.isArray(capacity)) {
      problems.push('capacity must be a mapping of cores, memory, storage');
    } else {
      out.capacity = {};
      for (const [key, value] of Object.entries(capacity)) {
        if (key !== 'cores' && key !== 'memory' && key !== 'storage')
          problems.push(`unknown capacity field "${key}"`);
        else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          problems.push(`capacity.${key} must be a non-negative number`);
        } else out.capacity[key] = value;
      }
    }
  }
  if (problems.length > 0) throw new ContextError(`${origin}: ${problems.join('; ')}`);
  return out;
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
  cached = { key, context };
  return context;
}
