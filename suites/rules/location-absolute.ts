// Project convention: the Location of a 303 answer to create is an absolute URL.

import { NOTHING, judged, viewFinding } from './judgement.ts';
import type { ExchangeRule } from './types.ts';

const ID = '/req/offerset/location-absolute';

export const locationAbsolute: ExchangeRule = {
  name: 'location-absolute',
  requirement: ID,
  scope: 'exchange',
  judge(view) {
    if (view.op !== 'create' || view.status !== 303 || view.headers === undefined) return NOTHING;
    // A 303 without a Location has no absolute one either.
    const location = view.headers.location ?? '';
    if (/^https?:\/\/[^/]/i.test(location)) return judged(1);
    return judged(1, [
      viewFinding(ID, view, `the Location header is "${location}", not an absolute http(s) URL`),
    ]);
  },
};
