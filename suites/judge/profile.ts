// Which wire profile recorded traffic speaks, told by what only one profile has: a kind URI of
// one profile alone, or a create sent to one profile's create path. Traffic that names neither
// is judged as the default profile, and the report says so.

import { DEFAULT_PROFILE, getProfile } from '../../spec/index.ts';
import type { ProfileName } from '../rules/types.ts';
import type { TrafficItem } from '../traffic/types.ts';

export const JUDGED_PROFILES: readonly ProfileName[] = ['v1.0.7', 'v1.0.5'];

export interface ProfileChoice {
  profile: ProfileName;
  /** How it was chosen, for the report: "detected from kind URIs", "given with --profile"... */
  how: string;
}

/** URI -> the one profile that maps it (URIs several profiles share say nothing). */
function telltaleKinds(): Map<string, ProfileName> {
  const owners = new Map<string, ProfileName[]>();
  for (const profile of JUDGED_PROFILES)
    for (const uri of Object.values(getProfile(profile).kinds))
      owners.set(uri, [...(owners.get(uri) ?? []), profile]);
  const telltale = new Map<string, ProfileName>();
  for (const [uri, profiles] of owners)
    if (profiles.length === 1) telltale.set(uri, profiles[0] as ProfileName);
  return telltale;
}

const URI = /https?:\/\/[^\s"'<>]+/g;

function texts(item: TrafficItem): string[] {
  if (item.kind === 'exchange')
    return [item.exchange.request.body ?? '', item.exchange.response?.body ?? ''];
  if (item.kind === 'documents') return [item.request?.text ?? '', item.response?.text ?? ''];
  return [];
}

export class ProfileDetector {
  private readonly telltale = telltaleKinds();
  private readonly creates = JUDGED_PROFILES.map((profile) => ({
    profile,
    path: new RegExp(
      `${getProfile(profile).paths.create.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?$`,
    ),
  }));
  private found: ProfileChoice | undefined;

  /** Looks at one item; true once the profile is known. */
  see(item: TrafficItem): boolean {
    if (this.found !== undefined) return true;
    for (const text of texts(item))
      for (const match of text.matchAll(URI)) {
        const profile = this.telltale.get(match[0]);
        if (profile !== undefined) {
          this.found = { profile, how: `detected from kind URIs (${match[0]})` };
          return true;
        }
      }
    if (item.kind === 'exchange' && item.exchange.request.method.toUpperCase() === 'POST') {
      let path = '';
      try {
        path = new URL(item.exchange.request.url).pathname;
      } catch {
        path = item.exchange.request.url;
      }
      const owner = this.creates.find((create) => create.path.test(path));
      if (owner !== undefined)
        this.found = { profile: owner.profile, how: `detected from the create path ${path}` };
    }
    return this.found !== undefined;
  }

  choice(): ProfileChoice {
    return (
      this.found ?? {
        profile: DEFAULT_PROFILE as ProfileName,
        how: 'the default: nothing in the traffic named a kind URI or create path of one profile only',
      }
    );
  }
}
