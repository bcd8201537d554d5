// Project convention: the Location of a 303 answer to create is an absolute URL.

import { NOTHING, judged, viewFinding } from './judgement.ts';
import type { ExchangeRule } from './types.ts';

const ID = '/req/offerset/location-absolute';

export const locationAbsolute: ExchangeRule = {
  name: 'location-absolute',
  requirement: ID,
  scope: 'exchange',
  judge(view) {
    const location = view.headers?.location;
    if (view.op !== 'create' || view.status !== 303 || location === undefined || location === '')
      return NOTHING;
    if (/^https?:\/\/[^/]/i.test(location)) return judged(1);
    return judged(1, [
      viewFinding(ID, view, `the Location header is "${location}", not an absolute http(s) URL`),
    ]);
  },
};
