// At every instant, what OFFERED offers and accepted sessions hold stays within the declared
// capacity. The test makes offers in one busy stretch of time, accepts and rejects some, and
// sweeps the recorded history over every slot boundary.

import { it } from 'vitest';
import { inconclusive, requirement } from '../harness/requirement.ts';
import { noOffersReason } from '../harness/stateful/observations/common.ts';
import type { Created } from '../harness/stateful/port.ts';
import { releaseOffers } from '../harness/stateful/fill.ts';
import {
  checkRecorded,
  failOnViolations,
  declaredCapacity,
  farWindow,
  openStage,
} from '../harness/stateful/scenario.ts';

const ID = '/req/capacity/never-exceeded';

requirement(ID, () => {
  it('offers and sessions made one after another never overbook a time slot', async () => {
    const stage = await openStage();
    const capacity = await declaredCapacity(stage);
    const cores = Math.max(1, Math.ceil((capacity.cores ?? 3) / 3));
    const shape = { cores, memory: 1, start: farWindow(stage, 6, 60), duration: 'PT30M' };
    const made = [];
    let last: Created | undefined;
    for (let round = 0; round < 8; round += 1) {
      const created = await stage.broker.create('client', stage.request(shape));
      last = created;
      made.push(...created.offers);
      // Accept one offer now and then, so sessions and offers are both in the calendar.
      const chosen = created.offers[0];
      if (round % 3 === 1 && chosen !== undefined)
        await stage.broker.update('client', chosen.session, 'ACCEPTED');
    }
    // Nothing offered is nothing booked: the sweep would have nothing to judge.
    if (made.length === 0 && last !== undefined) inconclusive(noOffersReason(last));
    const report = await checkRecorded(stage, 'capacity-never-exceeded', ['capacity'], capacity);
    await releaseOffers(stage, made);
    for (const offer of made) await stage.broker.update('cleanup', offer.session, 'CANCELLED');
    failOnViolations(stage, report);
  });
});
