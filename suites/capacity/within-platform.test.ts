// No single offer asks more of the platform than its declared totals: a request beyond them
// must not be met with an offer beyond them.

import { it } from 'vitest';
import { requirement } from '../harness/requirement.ts';
import { releaseOffers } from '../harness/stateful/fill.ts';
import {
  checkRecorded,
  failOnViolations,
  declaredCapacity,
  openStage,
} from '../harness/stateful/scenario.ts';

const ID = '/req/capacity/within-platform';

requirement(ID, () => {
  it('requests for more cores, memory or storage than the platform has get no such offer', async () => {
    const stage = await openStage();
    const capacity = await declaredCapacity(stage);
    const shapes = [
      ...(capacity.cores === undefined ? [] : [{ cores: Math.floor(capacity.cores) + 1 }]),
      ...(capacity.memory === undefined ? [] : [{ memory: Math.floor(capacity.memory) + 1 }]),
      ...(capacity.storage === undefined ? [] : [{ storage: Math.floor(capacity.storage) + 1 }]),
    ];
    const made = [];
    for (const shape of shapes)
      made.push(...(await stage.broker.create('client', stage.request(shape))).offers);
    const report = await checkRecorded(
      stage,
      'capacity-within-platform',
      ['within-platform'],
      capacity,
    );
    await releaseOffers(stage, made);
    // The right answer to a request beyond the platform is NO: no offer to judge is the pass
    // here, so only a violation counts (the history rule itself needs an offer to judge).
    if (report.violations.length > 0) failOnViolations(stage, report);
  });
});
