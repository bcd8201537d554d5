// The wire profiles the broker speaks, read from the project's profile catalogue (spec/): the
// paths of one version and its kind URIs. Requests are understood in any profile's URIs.
import { getProfile, kindName, kindUri, type KindName, type Profile } from '../../spec/index.ts';

export type ProfileName = 'v1.0.7' | 'v1.0.5';
export type { KindName };

export interface WireProfile {
  name: ProfileName;
  spec: Profile;
  createPath: string;
  directPath: string;
  kindUri(name: KindName): string;
}

export function isProfileName(value: string): value is ProfileName {
  return value === 'v1.0.7' || value === 'v1.0.5';
}

const cache = new Map<ProfileName, WireProfile>();

export function wireProfile(name: ProfileName): WireProfile {
  let profile = cache.get(name);
  if (profile === undefined) {
    const spec = getProfile(name);
    const direct = spec.paths.direct;
    profile = {
      name,
      spec,
      createPath: spec.paths.create,
      // Both supported profiles have a direct path; the fallback keeps the type honest.
      directPath: direct ?? '/direct',
      kindUri: (kind) => kindUri(spec, kind) ?? `uri:${kind}`,
    };
    cache.set(name, profile);
  }
  return profile;
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
