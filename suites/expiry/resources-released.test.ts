// The resources an expired offer held become available again: a request that only fits once
// the offers have expired gets YES afterwards.

import { it } from 'vitest';
import { fail, requirement } from '../harness/requirement.ts';
import { checkable, observed } from '../harness/stateful/judging.ts';

export const observes = ['release'] as const;

const ID = '/req/expiry/resources-released';

requirement(ID, () => {
  it('after the offers filling a time slot expire, the same request is answered YES', async () => {
    const { unchecked, filled, again } = await observed('release');
    checkable(unchecked);
    if (again === undefined) throw new Error('the release observation ended without a result');
    if (again.offers === 0)
      fail(
        `a request answered NO while ${filled} offers held its time slot was still answered ` +
          `${again.result ?? again.status} after every one of them had expired`,
        { exchanges: again.exchangeIds },
      );
  });
});
