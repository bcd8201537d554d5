// Sibling offers accepted in parallel: exactly one acceptance wins and the others end
// REJECTED. The parallel accepts are recorded as a history (one process per client) and
// checked after the run, as `eb-conform check` would.

import { it } from 'vitest';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import { isWon } from '../history/phases.ts';
import { checkRecorded, exchangesOf, openStage } from '../harness/stateful/scenario.ts';

const ID = '/req/concurrency/single-accept';
const ROUNDS = 5;

requirement(ID, () => {
  it(`parallel accepts of all the offers of a set leave one winner (${ROUNDS} rounds)`, async () => {
    const stage = await openStage();
    const problems: string[] = [];
    let raced = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const created = await stage.broker.create('setup', stage.request({ duration: 'PT10M' }));
      if (created.offers.length < 2) continue;
      raced += 1;
      await Promise.all(
        created.offers.map((offer, index) =>
          stage.broker.update(`client-${index + 1}`, offer.session, 'ACCEPTED'),
        ),
      );
      const finals = await Promise.all(
        created.offers.map((offer) => stage.broker.read('after', offer.session)),
      );
      const phases = finals.map((seen) => seen.facts?.phase ?? `status ${seen.status}`);
      const winners = phases.filter((phase) => isWon(phase)).length;
      const others = phases.filter((phase) => !isWon(phase) && phase !== 'REJECTED');
      if (winners !== 1 || others.length > 0) {
        problems.push(
          `round ${round + 1}: offers ended ${phases.join(', ')} (${winners} accepted)`,
        );
      }
      for (const offer of created.offers)
        await stage.broker.update('cleanup', offer.session, 'CANCELLED');
    }
    if (raced === 0)
      inconclusive('the broker never made two offers in one set, so there was nothing to race');
    const report = await checkRecorded(stage, 'concurrency-single-accept', ['single-accept']);
    const messages = [...report.violations.map((found) => found.message), ...problems];
    if (messages.length > 0) {
      fail(messages.join('; '), {
        exchanges: report.violations.flatMap((found) => exchangesOf(stage, found)),
      });
    }
  });
});
