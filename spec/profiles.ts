// Wire profiles: how one version of the ExecutionBroker wire format spells the project's canonical
// names (operation paths, kind URIs, the update envelope). The data model is described once, in
// execution-broker.yaml; a profile only says how a given broker version writes it down.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const PROFILE_NAMES = ['v1.0.7', 'v1.0.5', 'wd-2025'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
export const DEFAULT_PROFILE: ProfileName = 'v1.0.7';

/** The profiles a broker serves on the wire (the 2025 draft is read by the spec tools only). */
export const WIRE_PROFILE_NAMES = ['v1.0.7', 'v1.0.5'] as const;
export type WireProfileName = (typeof WIRE_PROFILE_NAMES)[number];

export function isWireProfile(value: unknown): value is WireProfileName {
  return (WIRE_PROFILE_NAMES as readonly unknown[]).includes(value);
}

/** The executable kinds of the v1.0 model, by canonical name. */
export const EXECUTABLE_KIND_NAMES = [
  'docker-container',
  'jupyter-notebook',
  'singularity-container',
] as const;

/** The data-resource kinds of the v1.0 model, by canonical name. */
export const DATA_KIND_NAMES = [
  'simple-data-resource',
  's3-data-resource',
  'rucio-data-resource',
  'ivoa-data-resource',
  'skao-data-resource',
] as const;

export const KIND_NAMES = [
  ...EXECUTABLE_KIND_NAMES,
  'simple-compute-resource',
  'simple-volume-mount',
  'simple-storage-resource',
  ...DATA_KIND_NAMES,
  'simple-execution-session',
  'scheduled-execution-session',
  'simple-minmax-float-cost',
  'simple-minmax-float-metric',
  'enum-value-option',
  'string-value-option',
  'integer-value-option',
  'integer-delta-option',
  'enum-value-update',
  'string-value-update',
  'integer-value-update',
  'integer-delta-update',
] as const;
export type KindName = (typeof KIND_NAMES)[number];

/**
 * Kinds of session connectors. No published schema maps them; the newest Calycopis brokers give
 * a Docker session one connector per log stream, under these names.
 */
export const CONNECTOR_KIND_NAMES = [
  'docker-container-stdout-get',
  'docker-container-stderr-get',
] as const;
export type ConnectorKindName = (typeof CONNECTOR_KIND_NAMES)[number];

export interface ProfilePaths {
  create: string;
  /** Absent where the version has no direct execution. */
  direct?: string;
  offerset: string;
  session: string;
}

export interface Profile {
  name: ProfileName;
  title: string;
  /** Folder of this version's upstream description, relative to the shared upstream folder. */
  upstream?: string;
  default: boolean;
  /** The member that carries the kind URI: `kind` in v1.0, `type` in the 2025 draft. */
  discriminator: 'kind' | 'type';
  /** `meta`: identity in a `meta` block; `flat`: uuid/name/href on the component itself. */
  identity: 'meta' | 'flat';
  paths: ProfilePaths;
  update: {
    /** The `path` an update uses to move a session between phases. */
    path: string;
    /** Envelope member wrapping update bodies (`update` in the draft), if any. */
    wrapper?: string;
  };
  /** Canonical (v1.0) field path -> wire field path, where the version renames a member. */
  fields: Record<string, string>;
  /** Canonical kind name -> kind URI. Complete for v1.0.x, partial for the draft. */
  kinds: Partial<Record<KindName, string>>;
  /** Connector kind name -> URI, where the version's brokers have connectors. */
  connectorKinds: Partial<Record<ConnectorKindName, string>>;
  /**
   * Hosts the kind URIs may be written under, the first being the one `kinds` uses: the same
   * path under another of them names the same kind (purl.org kinds are to move to w3id.org).
   */
  kindHosts: string[];
  /** What this profile cannot express, in plain words. Empty for complete profiles. */
  missing: string[];
}

const PROFILE_DIR = fileURLToPath(new URL('./profiles/', import.meta.url));

let cache: Map<ProfileName, Profile> | undefined;

function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

function isKindName(name: string): name is KindName {
  return (KIND_NAMES as readonly string[]).includes(name);
}

function isConnectorKindName(name: string): name is ConnectorKindName {
  return (CONNECTOR_KIND_NAMES as readonly string[]).includes(name);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '')
    throw new Error(`profile ${what} must be a non-empty string`);
  return value;
}

function readProfile(name: ProfileName): Profile {
  const file = `${PROFILE_DIR}${name}.yaml`;
  const raw: unknown = parse(readFileSync(file, 'utf8'));
  if (raw === null || typeof raw !== 'object') throw new Error(`${file}: not a mapping`);
  const doc = raw as Record<string, unknown>;
  const paths = (doc.paths ?? {}) as Record<string, unknown>;
  const update = (doc.update ?? {}) as Record<string, unknown>;
  const kinds: Partial<Record<KindName, string>> = {};
  for (const [kind, uri] of Object.entries((doc.kinds ?? {}) as Record<string, unknown>)) {
    if (!isKindName(kind)) throw new Error(`${file}: unknown canonical kind name "${kind}"`);
    kinds[kind] = text(uri, `${name} kinds.${kind}`);
  }
  const connectorKinds: Partial<Record<ConnectorKindName, string>> = {};
  for (const [kind, uri] of Object.entries((doc.connectorKinds ?? {}) as Record<string, unknown>)) {
    if (!isConnectorKindName(kind)) throw new Error(`${file}: unknown connector kind "${kind}"`);
    connectorKinds[kind] = text(uri, `${name} connectorKinds.${kind}`);
  }
  const hosts = Array.isArray(doc.kindHosts) ? doc.kindHosts : [];
  const discriminator = doc.discriminator === 'type' ? 'type' : 'kind';
  return {
    name,
    title: text(doc.title, `${name} title`),
    ...(typeof doc.upstream === 'string' ? { upstream: doc.upstream } : {}),
    default: doc.default === true,
    discriminator,
    identity: doc.identity === 'flat' ? 'flat' : 'meta',
    paths: {
      create: text(paths.create, `${name} paths.create`),
      ...(typeof paths.direct === 'string' ? { direct: paths.direct } : {}),
      offerset: text(paths.offerset, `${name} paths.offerset`),
      session: text(paths.session, `${name} paths.session`),
    },
    update: {
      path: text(update.path, `${name} update.path`),
      ...(typeof update.wrapper === 'string' ? { wrapper: update.wrapper } : {}),
    },
    fields: Object.fromEntries(
      Object.entries((doc.fields ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k,
        text(v, `${name} fields.${k}`),
      ]),
    ),
    kinds,
    connectorKinds,
    kindHosts: hosts.map((host, i) => text(host, `${name} kindHosts[${i}]`).toLowerCase()),
    missing: Array.isArray(doc.missing)
      ? doc.missing.map((m, i) => text(m, `${name} missing[${i}]`))
      : [],
  };
}

function profiles(): Map<ProfileName, Profile> {
  cache ??= new Map(PROFILE_NAMES.map((name) => [name, readProfile(name)]));
  return cache;
}

/** The profile with this name; throws a clear error listing the known names otherwise. */
export function getProfile(name: ProfileName | string = DEFAULT_PROFILE): Profile {
  if (!isProfileName(name)) {
    throw new Error(`unknown profile "${name}" (expected one of ${PROFILE_NAMES.join(', ')})`);
  }
  const profile = profiles().get(name);
  if (profile === undefined) throw new Error(`profile "${name}" failed to load`);
  return profile;
}

export function listProfiles(): Profile[] {
  return [...profiles().values()];
}

/** Accepts a profile or its name, so callers can pass either. */
export function resolveProfile(profile: ProfileName | Profile | undefined): Profile {
  return typeof profile === 'object' ? profile : getProfile(profile ?? DEFAULT_PROFILE);
}

const HOSTED = /^(https?:\/\/)([^/]+)(\/.*)$/;

/**
 * The same URI under another of the profile's kind hosts; unchanged when the host is not one of
 * them (or the URI names no host, as `uri:...` kinds do).
 */
function onHost(p: Profile, uri: string, host: string | undefined): string {
  if (host === undefined) return uri;
  const match = HOSTED.exec(uri);
  const wanted = host.toLowerCase();
  if (match === null || !p.kindHosts.includes(wanted)) return uri;
  return p.kindHosts.includes(match[2]!.toLowerCase()) ? `${match[1]}${wanted}${match[3]}` : uri;
}

/** The URI this profile gives a kind, under `host` when given and the profile allows it. */
export function kindUri(
  profile: ProfileName | Profile,
  name: KindName | string,
  host?: string,
): string | undefined {
  const p = resolveProfile(profile);
  const uri = isKindName(name) ? p.kinds[name] : undefined;
  return uri === undefined ? undefined : onHost(p, uri, host);
}

/** The URI this profile gives a connector kind, under `host` when given and allowed. */
export function connectorKindUri(
  profile: ProfileName | Profile,
  name: ConnectorKindName,
  host?: string,
): string | undefined {
  const p = resolveProfile(profile);
  const uri = p.connectorKinds[name];
  return uri === undefined ? undefined : onHost(p, uri, host);
}

/** A URI under another of the profile's kind hosts, moved to the host its maps use. */
function canonical(p: Profile, uri: string): string | undefined {
  const match = HOSTED.exec(uri);
  const home = p.kindHosts[0];
  if (match === null || home === undefined) return undefined;
  const host = match[2]!.toLowerCase();
  return host !== home && p.kindHosts.includes(host) ? `${match[1]}${home}${match[3]}` : undefined;
}

let reverse: Map<string, { profile: ProfileName; name: KindName }> | undefined;

/**
 * The canonical name of a kind URI, looked up in every profile (newest first), so a broker can
 * read v1.0.5 and v1.0.7 documents alike. The option and update URIs are shared by all
 * profiles; for those the default profile is reported.
 */
export function kindName(uri: string): { profile: ProfileName; name: KindName } | undefined {
  if (reverse === undefined) {
    reverse = new Map();
    for (const profile of listProfiles()) {
      for (const [name, u] of Object.entries(profile.kinds)) {
        if (!reverse.has(u)) reverse.set(u, { profile: profile.name, name: name as KindName });
      }
    }
  }
  const found = reverse.get(uri);
  if (found !== undefined) return found;
  for (const profile of listProfiles()) {
    const moved = canonical(profile, uri);
    const name = moved === undefined ? undefined : kindNameIn(profile, moved);
    if (name !== undefined) return { profile: profile.name, name };
  }
  return undefined;
}

/** URI -> name per `kinds` map; validators ask once per polymorphic part of every document. */
const namesByUri = new WeakMap<Profile['kinds'], Map<string, KindName>>();

/** The canonical name of a kind URI within one profile only (under any of its kind hosts). */
export function kindNameIn(profile: ProfileName | Profile, uri: string): KindName | undefined {
  const p = resolveProfile(profile);
  const name = lookUp(p, uri);
  if (name !== undefined) return name;
  const moved = canonical(p, uri);
  return moved === undefined ? undefined : lookUp(p, moved);
}

/** The connector kind a URI names, in the given profile or, failing that, in any profile. */
export function connectorKindName(
  uri: string,
  profile?: ProfileName | Profile,
): ConnectorKindName | undefined {
  const candidates =
    profile === undefined ? listProfiles() : [resolveProfile(profile), ...listProfiles()];
  for (const p of candidates) {
    const target = canonical(p, uri) ?? uri;
    for (const name of CONNECTOR_KIND_NAMES) if (p.connectorKinds[name] === target) return name;
  }
  return undefined;
}

function lookUp(p: Profile, uri: string): KindName | undefined {
  const { kinds } = p;
  let names = namesByUri.get(kinds);
  if (names === undefined) {
    names = new Map();
    // The first name wins, as a scan in entry order would find it.
    for (const [name, u] of Object.entries(kinds))
      if (!names.has(u)) names.set(u, name as KindName);
    namesByUri.set(kinds, names);
  }
  return names.get(uri);
}
