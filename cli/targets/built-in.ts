// Starting the built-in reference broker as a run's target. The one place (with the vitest
// setup beside it) where running the suites meets mock/: from here on the suites reach the
// broker only by its URL, like any other target.

import { randomBytes } from 'node:crypto';
import { FAULTS, startMockBroker } from '../../mock/index.ts';
import type { Declaration, ProfileName } from '../../suites/harness/declaration.ts';

/**
 * Whether the built-in broker runs with its optional features by default: HTTP Basic auth with
 * two identities, log connectors and labels, all declared, and the run given the credentials.
 * Off, the auth, connectors and labels classes are NOT_APPLICABLE unless a fault of theirs is
 * switched on (which turns the features on for that run).
 */
export const FEATURES_BY_DEFAULT = true;

export interface BuiltInBroker {
  url: string;
  /** The run's identity and a second one (NAME:PASSWORD), when the broker authenticates. */
  user?: string;
  secondUser?: string;
  /** What the broker's platform is, as a declaration would say it. */
  declaration: Declaration;
  close(): Promise<void>;
}

export interface BuiltInOptions {
  profile?: ProfileName;
  faults?: string[];
  /** Auth, connectors and labels on and declared (default: FEATURES_BY_DEFAULT, or a fault of theirs). */
  features?: boolean;
}

const FEATURE_REQUIREMENTS = ['/req/auth/', '/req/connectors/', '/req/labels/'];

/** Whether a fault breaks an optional feature, which the broker must then have and declare. */
function breaksFeature(name: string): boolean {
  const fault = FAULTS.find((candidate) => candidate.name === name);
  return (
    fault !== undefined &&
    FEATURE_REQUIREMENTS.some((prefix) => fault.requirement.startsWith(prefix))
  );
}

/** A fresh identity for one run; the password is random, so no report can hold a known one. */
function identity(name: string): string {
  return `${name}:${randomBytes(12).toString('base64url')}`;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Starts the reference broker on 127.0.0.1, port 0, with a virtual clock the suites drive
 * through /_control, so expiry and lifecycle checks need no real waiting.
 */
export async function startBuiltIn(options: BuiltInOptions = {}): Promise<BuiltInBroker> {
  const profile = options.profile ?? 'v1.0.7';
  const faults = options.faults ?? [];
  const features =
    options.features ??
    (FEATURES_BY_DEFAULT || faults.some((item) => item.split(',').some(breaksFeature)));
  const users = features ? [identity('eb-conform'), identity('eb-conform-second')] : [];
  const broker = await startMockBroker({
    port: 0,
    host: '127.0.0.1',
    profile,
    clock: 'virtual',
    control: true,
    faults,
    users,
  });
  const declaration: Declaration = { profile, direct: true, xml: false, controlClock: true };
  if (features) Object.assign(declaration, { auth: 'basic', connectors: true, labels: true });
  try {
    // The platform as the broker itself reports it: the one place its capacity is read.
    const response = await fetch(`${broker.url}/_control/platform`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(5_000),
    });
    const platform = (await response.json()) as Record<string, unknown>;
    const totals = (platform.totals ?? {}) as Record<string, unknown>;
    const capacity: NonNullable<Declaration['capacity']> = {};
    for (const key of ['cores', 'memory', 'storage'] as const) {
      const value = num(totals[key]);
      if (value !== undefined) capacity[key] = value;
    }
    if (Object.keys(capacity).length > 0) declaration.capacity = capacity;
    if (typeof platform.offerLifetime === 'string')
      declaration.offerLifetime = platform.offerLifetime;
  } catch (error) {
    await broker.close();
    throw new Error(`the built-in broker did not report its platform: ${(error as Error).message}`);
  }
  const built: BuiltInBroker = { url: broker.url, declaration, close: () => broker.close() };
  if (users[0] !== undefined && users[1] !== undefined) {
    built.user = users[0];
    built.secondUser = users[1];
  }
  return built;
}
