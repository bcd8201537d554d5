// The resources an expired offer held become available again: a request that only fits once
// the offers have expired gets YES afterwards.

import { it } from 'vitest';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import {
  declaredCapacity,
  farWindow,
  latestExpiry,
  openStage,
  passUntil,
} from '../harness/stateful/scenario.ts';
import { fillWindow, releaseOffers } from '../harness/stateful/fill.ts';

const ID = '/req/expiry/resources-released';

requirement(ID, () => {
  it('after the offers filling a time slot expire, the same request is answered YES', async () => {
    const stage = await openStage();
    const capacity = await declaredCapacity(stage);
    const shape = { ...fillShape(capacity.cores), start: farWindow(stage, 3), duration: 'PT10M' };
    const filled = await fillWindow(stage, shape);
    if (!filled.full) {
      inconclusive(
        `${filled.attempts} requests in one time slot were all answered YES: the slot could not be filled`,
      );
    }
    const expires =
      latestExpiry(filled.offers) ?? inconclusive('the offers carry no readable expiry instant');
    await passUntil(stage, expires);
    const again = await stage.broker.create('p1', stage.request(shape));
    await releaseOffers(stage, again.offers);
    if (again.offers.length === 0) {
      fail(
        `a request answered NO while ${filled.offers.length} offers held its time slot was still answered ` +
          `${again.result ?? again.status} after every one of them had expired`,
        { exchanges: again.exchangeIds },
      );
    }
  });
});

/** A request size of which only a couple fit at once (half the cores, rounded up). */
function fillShape(cores: number | undefined): { cores: number; memory: number } {
  return { cores: Math.max(1, Math.ceil((cores ?? 2) / 2)), memory: 1 };
}
