// Parallel create requests never obtain, between them, more capacity than the broker has.
// Many clients ask for the same time slot at once; the recorded history is swept for any
// instant where the offers they got add up to more than the declared capacity.

import { it } from 'vitest';
import { inconclusive, requirement } from '../harness/requirement.ts';
import { noOffersReason } from '../harness/stateful/observations/common.ts';
import type { Created } from '../harness/stateful/port.ts';
import type { SessionFacts } from '../history/events.ts';
import { releaseOffers } from '../harness/stateful/fill.ts';
import {
  checkRecorded,
  failOnViolations,
  declaredCapacity,
  farWindow,
  openStage,
} from '../harness/stateful/scenario.ts';

const ID = '/req/concurrency/no-overbooking';
const CLIENTS = 8;
const ROUNDS = 3;

requirement(ID, () => {
  it(`${CLIENTS} parallel creates for one time slot never overbook it (${ROUNDS} rounds)`, async () => {
    const stage = await openStage();
    const capacity = await declaredCapacity(stage);
    const cores = Math.max(1, Math.ceil((capacity.cores ?? 3) / 3));
    const made: SessionFacts[] = [];
    let last: Created | undefined;
    for (let round = 0; round < ROUNDS; round += 1) {
      const shape = { cores, memory: 1, start: farWindow(stage, 7 + round), duration: 'PT10M' };
      const answers = await Promise.all(
        Array.from({ length: CLIENTS }, (_, index) =>
          stage.broker.create(`client-${index + 1}`, stage.request(shape)),
        ),
      );
      made.push(...answers.flatMap((answer) => answer.offers));
      last = answers.at(-1);
    }
    // Nothing offered is nothing booked: the sweep would have nothing to judge.
    if (made.length === 0 && last !== undefined) inconclusive(noOffersReason(last));
    const report = await checkRecorded(stage, 'concurrency-no-overbooking', ['capacity'], capacity);
    await releaseOffers(stage, made);
    failOnViolations(stage, report, 'parallel creates overbooked: ');
  });
});
