// Which wire version the examples are written for, read from the examples themselves: kind URIs
// name their version exactly (only the URIs that differ between versions count), the member
// that carries them says `type` (the 2025 draft) or `kind` (v1.0.x), and a LaTeX document is the
// IVOA draft. `--profile` overrides all of this.
import { DEFAULT_PROFILE, listProfiles } from '../../spec/index.ts';
import type { ProfileName } from '../../spec/index.ts';

export interface ProfileEvidence {
  /** Kind URIs seen in documents and in discriminator mappings. */
  kindUris: string[];
  /** How many kind-like URIs were carried by `type`, and how many by `kind`. */
  members: { type: number; kind: number };
  latex: boolean;
}

export interface ProfileChoice {
  profile: ProfileName;
  reason: string;
}

const KIND_MEMBER = /["']?\b(kind|type)["']?\s*:\s*["']?([a-z][a-z0-9+.-]*:[^\s"',}\]]+)/gi;

/** Adds the kind URIs a piece of text carries, and the members that carry them. */
export function gatherFromText(text: string, evidence: ProfileEvidence): void {
  for (const match of text.matchAll(KIND_MEMBER)) {
    const member = (match[1] as string).toLowerCase() as 'kind' | 'type';
    evidence.members[member]++;
    evidence.kindUris.push(match[2] as string);
  }
}

export function emptyEvidence(): ProfileEvidence {
  return { kindUris: [], members: { type: 0, kind: 0 }, latex: false };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function pickProfile(evidence: ProfileEvidence): ProfileChoice {
  const profiles = listProfiles();
  const votes = new Map<ProfileName, number>();
  for (const uri of new Set(evidence.kindUris)) {
    const holders = profiles.filter((profile) => Object.values(profile.kinds).includes(uri));
    // URIs every version shares (the option and update kinds) say nothing about which one.
    if (holders.length === 0 || holders.length === profiles.length) continue;
    for (const holder of holders) votes.set(holder.name, (votes.get(holder.name) ?? 0) + 1);
  }
  const best = Math.max(0, ...votes.values());
  const leaders = [...votes].filter(([, count]) => count === best).map(([name]) => name);
  const { type, kind } = evidence.members;
  const draftish = type > kind || (type === 0 && kind === 0 && evidence.latex);
  if (leaders.length === 1 && best > 0) {
    const name = leaders[0] as ProfileName;
    return { profile: name, reason: `${plural(best, 'kind URI')} of ${name} in the inputs` };
  }
  if (leaders.length > 1) {
    const name = draftish && leaders.includes('wd-2025') ? 'wd-2025' : (leaders[0] as ProfileName);
    return { profile: name, reason: `kind URIs shared by ${leaders.join(' and ')}; took ${name}` };
  }
  if (type > kind)
    return {
      profile: 'wd-2025',
      reason: `${plural(type, 'kind')} given as "type", as the 2025 draft does`,
    };
  if (draftish) return { profile: 'wd-2025', reason: 'a LaTeX document: the IVOA draft' };
  if (kind > 0)
    return {
      profile: DEFAULT_PROFILE,
      reason: `${plural(kind, 'kind')} given as "kind", none a known URI: the newest v1.0.x`,
    };
  return { profile: DEFAULT_PROFILE, reason: 'nothing in the inputs names a version: the default' };
}
