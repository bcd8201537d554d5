// The reference broker's public entry: start one in-process, plus the catalogue and config
// helpers the CLI and the model-based tests need.
import { readFileSync } from 'node:fs';
import { Broker } from './domain/broker.ts';
import { realClock, scaledClock, virtualClock, type Clock } from './domain/clock.ts';
import {
  defaultPlatform,
  parsePlatformConfig,
  platformFromRaw,
  type PlatformConfig,
} from './domain/platform.ts';
import { parseFaults, type FaultName } from './faults.ts';
import { createApp } from './http/app.ts';
import { isProfileName, wireProfile, type ProfileName } from './http/profiles.ts';
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
  token?: string;
  createStatus?: 303 | 200;
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

export function resolveFaults(names: string[] | undefined): Set<FaultName> {
  const { faults, unknown } = parseFaults(names ?? []);
  if (unknown.length > 0) {
    throw new MockOptionsError(
      `unknown fault${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (see --list-faults)`,
    );
  }
  return faults;
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
  const faults = resolveFaults(options.faults);
  const broker = new Broker({
    platform: resolvePlatform(options.config),
    clock: resolveClock(options),
    faults,
  });
  let baseUrl = '';
  const app = createApp({
    broker,
    profile: wireProfile(profileName),
    faults,
    control: options.control === true,
    createStatus: options.createStatus ?? 303,
    baseUrl: () => baseUrl,
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  return listen(app, options.host ?? '127.0.0.1', options.port ?? 0, (url) => {
    baseUrl = url;
  });
}

export { Broker } from './domain/broker.ts';
export type { OfferSet, UpdateOutcome } from './domain/broker.ts';
export { FAULTS, CALYCOPIS_PRESET, parseFaults, type FaultName } from './faults.ts';
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
