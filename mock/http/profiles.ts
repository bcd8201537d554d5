// The wire profiles the broker speaks, read from the project's profile catalogue (spec/): the
// paths of one version and its kind URIs, under the kind host asked for. Requests are understood
// in any profile's URIs, under any of its hosts.
import {
  connectorKindUri,
  getProfile,
  kindName,
  kindUri,
  type ConnectorKindName,
  type KindName,
  type Profile,
} from '../../spec/index.ts';

export type ProfileName = 'v1.0.7' | 'v1.0.5';
export type { KindName, ConnectorKindName };

export interface WireProfile {
  name: ProfileName;
  spec: Profile;
  createPath: string;
  directPath: string;
  kindUri(name: KindName): string;
  /** Connectors came after schema 1.0.5: a broker serving it writes 1.0.7's connector kinds. */
  connectorKindUri(name: ConnectorKindName): string;
}

export function isProfileName(value: string): value is ProfileName {
  return value === 'v1.0.7' || value === 'v1.0.5';
}

const cache = new Map<string, WireProfile>();

/** A profile's wire facts; `kindHost` moves its kind URIs to another host it allows. */
export function wireProfile(name: ProfileName, kindHost?: string): WireProfile {
  const key = `${name}|${kindHost ?? ''}`;
  let profile = cache.get(key);
  if (profile === undefined) {
    const spec = getProfile(name);
    const newest = getProfile('v1.0.7');
    const direct = spec.paths.direct;
    profile = {
      name,
      spec,
      createPath: spec.paths.create,
      // Both supported profiles have a direct path; the fallback keeps the type honest.
      directPath: direct ?? '/direct',
      kindUri: (kind) => kindUri(spec, kind, kindHost) ?? `uri:${kind}`,
      connectorKindUri: (kind) =>
        connectorKindUri(spec, kind, kindHost) ??
        connectorKindUri(newest, kind, kindHost) ??
        `uri:${kind}`,
    };
    cache.set(key, profile);
  }
  return profile;
}

/** Whether a profile lets its kinds be written under this host. */
export function allowsKindHost(name: ProfileName, host: string): boolean {
  return getProfile(name).kindHosts.includes(host.toLowerCase());
}

/** The canonical name of a kind URI from any profile, so either version's requests are understood. */
export function kindNameOf(uri: string): KindName | undefined {
  if (known.has(uri)) return known.get(uri);
  const name = kindName(uri)?.name;
  // Only mapped URIs are remembered, so hostile clients cannot grow the map.
  if (name !== undefined) known.set(uri, name);
  return name;
}

const known = new Map<string, KindName>();
