// The few wire facts of a profile the client needs (operation paths, kind URIs, the update
// path), read from spec/ so there is one source.

import { getProfile, kindUri } from '../../spec/index.ts';
import { targetContext, type ProfileName } from './context.ts';

export interface ProfilePaths {
  create: string;
  direct: string;
  offerset: (uuid: string) => string;
  session: (uuid: string) => string;
}

function fill(template: string, uuid: string): string {
  return template.replace('{uuid}', encodeURIComponent(uuid));
}

export function profilePaths(profile: ProfileName): ProfilePaths {
  const paths = getProfile(profile).paths;
  return {
    create: paths.create,
    // Both v1.0 profiles define direct execution; the fallback only keeps the type total.
    direct: paths.direct ?? '/direct',
    offerset: (uuid) => fill(paths.offerset, uuid),
    session: (uuid) => fill(paths.session, uuid),
  };
}

export function updatePath(profile: ProfileName): string {
  return getProfile(profile).update.path;
}

/** The host the target's kind URIs use, from its declaration (undefined outside a run). */
function declaredKindHost(): string | undefined {
  try {
    return targetContext().declaration.kindHost;
  } catch {
    return undefined;
  }
}

/**
 * The URI of a canonical kind name (see docs/CONTRACTS.md) in this profile, under the host the
 * declaration names (`kindHost`) where the profile allows it.
 */
export function kindOf(profile: ProfileName, name: string, host = declaredKindHost()): string {
  const uri = kindUri(getProfile(profile), name, host);
  if (uri === undefined) throw new Error(`profile ${profile} maps no kind named ${name}`);
  return uri;
}
