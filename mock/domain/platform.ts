// The platform the reference broker pretends to run: its capacity, per-session limits, timings
// and policy. The default is embedded YAML so `eb-conform mock` needs no file; a config file
// overrides any subset of it.
import { parse } from 'yaml';
import { parseDuration, TIME } from './iso.ts';

export type ExecutableKindName = 'docker-container' | 'jupyter-notebook' | 'singularity-container';

export interface Resources {
  cores: number;
  memory: number; // GiB
  storage: number; // GiB
}

export interface PlatformConfig {
  totals: Resources;
  perSession: Resources & { duration: number /* ms */ };
  offerLifetime: number; // ms
  /**
   * How long (broker time) finished things are kept: offers and sessions in a final phase,
   * and NO offer sets. After it they are forgotten, so memory stays bounded under load.
   */
  retention: number; // ms
  /** Bounds on what the broker holds, so no client can grow it without end (see holdings.ts). */
  limits: {
    /** Offer sets (and direct sessions) still undecided at once; past it creates get 503. */
    openOfferSets: number;
    /** Finished groups kept at most; past it the earliest finished is forgotten first. */
    finishedKept: number;
  };
  maxOffers: number;
  slotGranularity: number; // ms
  defaultDuration: number; // ms
  /** Width of the start window used when a request names none. */
  defaultStartWindow: number; // ms
  /** How long an accepted session stays ACCEPTED before it starts WAITING. */
  acceptedHold: number; // ms
  /** How long a session reports AVAILABLE before RUNNING. */
  availableHold: number; // ms
  preparation: Record<ExecutableKindName, number>; // ms
  release: Record<ExecutableKindName, number>; // ms
  /** Bookings are rounded out to whole blocks of this length (0: not rounded). */
  booking: { block: number }; // ms
  policy: {
    allowedRegistries: string[];
    privilegedAllowed: boolean;
    /** Docker labels whose names start with this are the broker's own: a request gets NO. */
    reservedLabelPrefix: string;
  };
  /** HTTP Basic identities (name and password) the broker knows, besides --user ones. */
  identities: Identity[];
}

export interface Identity {
  name: string;
  password: string;
}

export const DEFAULT_PLATFORM_YAML = `# eb-conform reference broker: default platform
totals:
  cores: 64
  memory: 256      # GiB
  storage: 2048    # GiB
perSession:
  cores: 32
  memory: 128
  storage: 1024
  duration: PT24H
offerLifetime: PT5M
retention: PT1H      # how long finished offers, sessions and NO offer sets are kept
limits:
  openOfferSets: 10000   # undecided offer sets held at once; past it a create gets 503
  finishedKept: 20000    # finished offer sets and sessions kept; the oldest go first past it
maxOffers: 4
slotGranularity: PT1M
defaultDuration: PT1H
defaultStartWindow: PT2H
acceptedHold: PT5S
availableHold: PT30S
preparation:
  docker-container: PT2M
  singularity-container: PT3M
  jupyter-notebook: PT1M
release:
  docker-container: PT1M
  singularity-container: PT1M
  jupyter-notebook: PT1M
booking:
  block: PT0S        # round bookings out to whole blocks of this length (PT1M on Calycopis); PT0S: off
policy:
  allowedRegistries: ['*']   # host names, or '*' for any
  privilegedAllowed: false
  reservedLabelPrefix: calycopis-broker-   # Docker labels starting with this get NO
identities: []       # HTTP Basic users for --auth basic: [{name: alice, password: secret}]
`;

export class PlatformConfigError extends Error {
  override name = 'PlatformConfigError';
}

type Raw = Record<string, unknown>;

const KINDS: readonly ExecutableKindName[] = [
  'docker-container',
  'jupyter-notebook',
  'singularity-container',
];

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new PlatformConfigError(
      `${where}: expected a positive number, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function positiveInteger(value: unknown, where: string): number {
  const number = positiveNumber(value, where);
  if (!Number.isInteger(number)) throw new PlatformConfigError(`${where}: expected an integer`);
  return number;
}

/** `identities: [{name, password}]`; a name holds no colon, as Basic credentials could not carry it. */
function identities(value: unknown): Identity[] {
  if (!Array.isArray(value))
    throw new PlatformConfigError('identities: expected a list of {name, password}');
  return value.map((item, index) => {
    const where = `identities[${index}]`;
    if (!isRecord(item)) throw new PlatformConfigError(`${where}: expected {name, password}`);
    const { name, password } = item;
    if (typeof name !== 'string' || name === '' || name.includes(':'))
      throw new PlatformConfigError(`${where}.name: expected a non-empty name without ':'`);
    if (typeof password !== 'string' || password === '')
      throw new PlatformConfigError(`${where}.password: expected a non-empty string`);
    return { name, password };
  });
}

function duration(value: unknown, where: string, allowZero = false): number {
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined || ms < 0 || (!allowZero && ms === 0)) {
    throw new PlatformConfigError(
      `${where}: expected an ISO 8601 duration, got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

function section(raw: Raw, key: string): Raw {
  const value = raw[key];
  if (!isRecord(value)) throw new PlatformConfigError(`${key}: expected a mapping`);
  return value;
}

function resources(raw: Raw, where: string): Resources {
  return {
    cores: positiveNumber(raw.cores, `${where}.cores`),
    memory: positiveNumber(raw.memory, `${where}.memory`),
    storage: positiveNumber(raw.storage, `${where}.storage`),
  };
}

function perKind(raw: Raw, key: string): Record<ExecutableKindName, number> {
  const values = section(raw, key);
  const entries = KINDS.map(
    (kind) => [kind, duration(values[kind], `${key}.${kind}`, true)] as const,
  );
  return Object.fromEntries(entries) as Record<ExecutableKindName, number>;
}

function mergeDeep(base: Raw, override: Raw): Raw {
  const merged: Raw = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const current = merged[key];
    merged[key] = isRecord(current) && isRecord(value) ? mergeDeep(current, value) : value;
  }
  return merged;
}

/** Builds a config from raw YAML-shaped data laid over the default. */
export function platformFromRaw(override: unknown = {}): PlatformConfig {
  if (!isRecord(override)) throw new PlatformConfigError('platform config: expected a mapping');
  const raw = mergeDeep(parse(DEFAULT_PLATFORM_YAML) as Raw, override);
  const perSession = section(raw, 'perSession');
  const policy = section(raw, 'policy');
  const registries = policy.allowedRegistries;
  if (!Array.isArray(registries) || !registries.every((item) => typeof item === 'string')) {
    throw new PlatformConfigError('policy.allowedRegistries: expected a list of host names');
  }
  if (typeof policy.privilegedAllowed !== 'boolean') {
    throw new PlatformConfigError('policy.privilegedAllowed: expected true or false');
  }
  const maxOffers = positiveInteger(raw.maxOffers, 'maxOffers');
  const limits = section(raw, 'limits');
  const prefix = policy.reservedLabelPrefix;
  if (typeof prefix !== 'string' || prefix === '')
    throw new PlatformConfigError('policy.reservedLabelPrefix: expected a non-empty string');
  const config: PlatformConfig = {
    totals: resources(section(raw, 'totals'), 'totals'),
    perSession: {
      ...resources(perSession, 'perSession'),
      duration: duration(perSession.duration, 'perSession.duration'),
    },
    offerLifetime: duration(raw.offerLifetime, 'offerLifetime'),
    retention: duration(raw.retention, 'retention', true),
    limits: {
      openOfferSets: positiveInteger(limits.openOfferSets, 'limits.openOfferSets'),
      finishedKept: positiveInteger(limits.finishedKept, 'limits.finishedKept'),
    },
    maxOffers,
    slotGranularity: duration(raw.slotGranularity, 'slotGranularity'),
    defaultDuration: duration(raw.defaultDuration, 'defaultDuration'),
    defaultStartWindow: duration(raw.defaultStartWindow, 'defaultStartWindow', true),
    acceptedHold: duration(raw.acceptedHold, 'acceptedHold', true),
    availableHold: duration(raw.availableHold, 'availableHold', true),
    preparation: perKind(raw, 'preparation'),
    release: perKind(raw, 'release'),
    booking: { block: duration(section(raw, 'booking').block, 'booking.block', true) },
    policy: {
      allowedRegistries: registries as string[],
      privilegedAllowed: policy.privilegedAllowed,
      reservedLabelPrefix: prefix,
    },
    identities: identities(raw.identities),
  };
  if (config.slotGranularity < TIME.SECOND) {
    throw new PlatformConfigError('slotGranularity: must be at least one second');
  }
  return config;
}

/** Parses a YAML (or JSON) config text laid over the default. */
export function parsePlatformConfig(text: string): PlatformConfig {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 50 });
  } catch (error) {
    throw new PlatformConfigError(`platform config is not valid YAML: ${(error as Error).message}`);
  }
  return platformFromRaw(raw ?? {});
}

export function defaultPlatform(): PlatformConfig {
  return platformFromRaw({});
}
