// Every fresh offer MUST carry an `expires` instant later than its own creation and not already
// past when it was offered (compared with when the request was sent, less the clock skew).

import { judged, offerFinding } from './judgement.ts';
import { instantMs, iso, pick } from './readers.ts';
import type { OfferRule } from './types.ts';

const ID = '/req/offerset/expires-after-created';

export const expiresAfterCreated: OfferRule = {
  name: 'expires-after-created',
  requirement: ID,
  scope: 'offer',
  judge(offer, context) {
    const stated = pick(offer.offer, 'expires');
    const expires = instantMs(stated);
    const created = pick(offer.offer, 'meta', 'created');
    const fail = (message: string) =>
      judged(1, [offerFinding(ID, offer, `offer ${offer.index} ${message}`, '/expires')]);
    if (expires === undefined)
      return fail(`has no readable expires instant (${JSON.stringify(stated)})`);
    const createdAt = instantMs(created);
    if (createdAt !== undefined && expires <= createdAt)
      return fail(`expires at ${String(stated)}, not after its creation at ${String(created)}`);
    if (offer.seen !== undefined && expires <= offer.seen.from - context.skewMs)
      return fail(
        `expires at ${String(stated)}, already past when it was offered (${iso(offer.seen.from)})`,
      );
    return judged(1);
  },
};
