// Each offer MUST keep the volume mounts the request asked for: an offer that drops them does
// not meet the request. A requested mount is found in the offer by its path, else by its name
// (requests that refer to a mount by name alone are matched by that name).

import { NOTHING, judged, offerFinding } from './judgement.ts';
import { pick } from './readers.ts';
import type { Finding, OfferRule } from './types.ts';

const ID = '/req/matching/volumes-kept';

interface Mount {
  path?: string;
  name?: string;
}

function mounts(doc: unknown): Mount[] | undefined {
  const list = pick(doc, 'compute', 'volumes');
  if (!Array.isArray(list)) return undefined;
  return list.map((item) => {
    if (typeof item === 'string') return { name: item };
    const mount: Mount = {};
    const path = pick(item, 'path');
    const name = pick(item, 'meta', 'name');
    if (typeof path === 'string') mount.path = path;
    if (typeof name === 'string') mount.name = name;
    return mount;
  });
}

function label(mount: Mount): string {
  return mount.path ?? `"${mount.name ?? '?'}"`;
}

export const volumesKept: OfferRule = {
  name: 'volumes-kept',
  requirement: ID,
  scope: 'offer',
  judge(offer) {
    const wanted = (mounts(offer.request) ?? []).filter(
      (mount) => mount.path !== undefined || mount.name !== undefined,
    );
    if (wanted.length === 0) return NOTHING;
    const offered = mounts(offer.offer) ?? [];
    const findings: Finding[] = [];
    wanted.forEach((mount, i) => {
      const kept = offered.some(
        (candidate) =>
          (mount.path !== undefined && candidate.path === mount.path) ||
          (mount.name !== undefined && candidate.name === mount.name),
      );
      if (kept) return;
      findings.push(
        offerFinding(
          ID,
          offer,
          offered.length === 0
            ? `offer ${offer.index} mounts no volumes; the request asked for ${label(mount)}`
            : `offer ${offer.index} drops the requested volume ${label(mount)}`,
          `/compute/volumes${offered.length === 0 ? '' : `/${i}`}`,
        ),
      );
    });
    return judged(1, findings);
  },
};
