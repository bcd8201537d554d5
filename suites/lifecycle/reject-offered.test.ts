// Rejecting an OFFERED offer must move it to REJECTED.

import { it } from 'vitest';
import { expectCheck, inconclusive, requirement } from '../harness/requirement.ts';
import { expiredMeanwhile, offersFor, openStage, phaseOf } from '../harness/stateful/scenario.ts';
import { judgeModelRun } from '../model/verdict.ts';

/** The model-based test judges the shared model run (harness/stateful/observations/). */
export const observes = ['model'] as const;

const ID = '/req/lifecycle/reject-offered';

requirement(ID, () => {
  it('a rejected offer is REJECTED, in the answer and on a second look', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage);
    const offer = offers[0]!;
    const answer = await stage.broker.update('client', offer.session, 'REJECTED');
    const again = await stage.broker.read('client', offer.session);
    const phases = [phaseOf(answer), phaseOf(again)];
    if (phases.some((phase) => phase === 'EXPIRED') && (await expiredMeanwhile(stage, offer))) {
      inconclusive(
        'the offer reached its expiry instant while being rejected (a shared clock moved on)',
      );
    }
    expectCheck(
      answer.status >= 200 && answer.status < 300,
      `rejecting OFFERED offer ${offer.session} was answered ${answer.status}`,
      { exchanges: answer.exchangeIds },
    );
    expectCheck(
      phases.every((phase) => phase === 'REJECTED'),
      `after rejecting OFFERED offer ${offer.session} the broker reported ${phases.join(' then ')}`,
      { exchanges: [...answer.exchangeIds, ...again.exchangeIds], pointer: '/phase' },
    );
  });

  it('model-based: every reject of a fresh OFFERED offer takes effect', async () => {
    await judgeModelRun(ID, 'reject-offered');
  });
});
