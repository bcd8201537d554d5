// Capacity given back by rejection can be offered again: once a full time slot's offers are
// rejected, the request that was answered NO is answered YES.

import { it } from 'vitest';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import { fillWindow, releaseOffers } from '../harness/stateful/fill.ts';
import { noOffersReason } from '../harness/stateful/observations/common.ts';
import { declaredCapacity, farWindow, openStage } from '../harness/stateful/scenario.ts';

const ID = '/req/capacity/released-reofferable';

requirement(ID, () => {
  it('after rejecting every offer of a full time slot, the slot is offered again', async () => {
    const stage = await openStage();
    const capacity = await declaredCapacity(stage);
    const shape = {
      cores: Math.max(1, Math.ceil((capacity.cores ?? 2) / 2)),
      memory: 1,
      start: farWindow(stage, 4),
      duration: 'PT10M',
    };
    const filled = await fillWindow(stage, shape);
    // A broker that says NO before offering anything has given nothing back to check.
    if (filled.offers.length === 0) inconclusive(noOffersReason(filled.last));
    if (!filled.full) {
      await releaseOffers(stage, filled.offers);
      inconclusive(
        `${filled.attempts} requests in one time slot were all answered YES: the slot could not be filled`,
      );
    }
    await releaseOffers(stage, filled.offers);
    const again = await stage.broker.create('client', stage.request(shape));
    await releaseOffers(stage, again.offers);
    if (again.offers.length === 0) {
      fail(
        `after rejecting all ${filled.offers.length} offers holding a time slot, the same request was answered ` +
          `${again.result ?? again.status}`,
        { exchanges: again.exchangeIds },
      );
    }
  });
});
