// When one offer of a set is accepted, the broker should reject its OFFERED siblings.

import { it } from 'vitest';
import { expectCheck, inconclusive, requirement } from '../harness/requirement.ts';
import { isWon } from '../history/phases.ts';
import { offersFor, openStage, phaseOf } from '../harness/stateful/scenario.ts';
import { judgeModelRun } from '../model/verdict.ts';

/** The model-based test judges the shared model run (harness/stateful/observations/). */
export const observes = ['model'] as const;

const ID = '/req/lifecycle/accept-rejects-siblings';

requirement(ID, () => {
  it('after one offer is accepted every sibling reads REJECTED', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage, 2);
    const [chosen, ...siblings] = offers;
    const answer = await stage.broker.update('client', chosen!.session, 'ACCEPTED');
    if (!isWon(phaseOf(answer) ?? '')) {
      inconclusive(
        `the accept itself did not take (status ${answer.status}, ${phaseOf(answer)}), so siblings cannot be judged`,
      );
    }
    for (const sibling of siblings) {
      const seen = await stage.broker.read('client', sibling.session);
      expectCheck(
        phaseOf(seen) === 'REJECTED',
        `offer ${sibling.session} is ${phaseOf(seen) ?? `unreadable (${seen.status})`} after its sibling ${chosen!.session} was accepted`,
        { exchanges: [...answer.exchangeIds, ...seen.exchangeIds], pointer: '/phase' },
      );
    }
  });

  it('model-based: no sibling of an accepted offer is seen OFFERED afterwards', async () => {
    await judgeModelRun(ID, 'accept-rejects-siblings');
  });
});
