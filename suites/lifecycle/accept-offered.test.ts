// Accepting an OFFERED offer must move it on: to ACCEPTED or a later execution phase.

import { it } from 'vitest';
import { expectCheck, inconclusive, requirement } from '../harness/requirement.ts';
import { isWon } from '../history/phases.ts';
import { expiredMeanwhile, offersFor, openStage, phaseOf } from '../harness/stateful/scenario.ts';
import { judgeModelRun } from '../model/verdict.ts';

/** The model-based test judges the shared model run (harness/stateful/observations/). */
export const observes = ['model'] as const;

const ID = '/req/lifecycle/accept-offered';

requirement(ID, () => {
  it('an accepted offer is ACCEPTED or later, in the answer and on a second look', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage);
    const offer = offers[0]!;
    const answer = await stage.broker.update('client', offer.session, 'ACCEPTED');
    const again = await stage.broker.read('client', offer.session);
    const ids = [...answer.exchangeIds, ...again.exchangeIds];
    const phases = [phaseOf(answer), phaseOf(again)];
    if (
      !phases.every((phase) => phase !== undefined && isWon(phase)) &&
      (await expiredMeanwhile(stage, offer))
    ) {
      inconclusive(
        'the offer reached its expiry instant while being accepted (a shared clock moved on)',
      );
    }
    expectCheck(
      answer.status >= 200 && answer.status < 300,
      `accepting OFFERED offer ${offer.session} was answered ${answer.status}`,
      { exchanges: answer.exchangeIds },
    );
    expectCheck(
      phases.every((phase) => phase !== undefined && isWon(phase)),
      `after accepting OFFERED offer ${offer.session} the broker reported ${phases.join(' then ')}`,
      { exchanges: ids, pointer: '/phase' },
    );
  });

  it('model-based: every accept of a fresh OFFERED offer takes effect', async () => {
    await judgeModelRun(ID, 'accept-offered');
  });
});
