// Cancelling an accepted (or later, still active) session should move it to CANCELLED.

import { it } from 'vitest';
import { expectCheck, inconclusive, requirement } from '../harness/requirement.ts';
import { isActive } from '../history/phases.ts';
import { offersFor, openStage, phaseOf } from '../harness/stateful/scenario.ts';
import { judgeModelRun } from '../model/verdict.ts';

/** The model-based test judges the shared model run (harness/stateful/observations/). */
export const observes = ['model'] as const;

const ID = '/req/lifecycle/cancel-active';

requirement(ID, () => {
  it('an accepted session that is cancelled reads CANCELLED', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage, 1, { duration: 'PT1H' });
    const offer = offers[0]!;
    const accepted = await stage.broker.update('client', offer.session, 'ACCEPTED');
    const before = phaseOf(accepted);
    if (before === undefined || !isActive(before) || before === 'RELEASING') {
      inconclusive(
        `the session is ${before ?? `unreadable (${accepted.status})`} after accept, not a phase that can be cancelled`,
      );
    }
    const answer = await stage.broker.update('client', offer.session, 'CANCELLED');
    const again = await stage.broker.read('client', offer.session);
    const phases = [phaseOf(answer), phaseOf(again)];
    expectCheck(
      answer.status >= 200 && answer.status < 300,
      `cancelling ${before} session ${offer.session} was answered ${answer.status}`,
      { exchanges: answer.exchangeIds },
    );
    expectCheck(
      phases.every((phase) => phase === 'CANCELLED'),
      `after cancelling ${before} session ${offer.session} the broker reported ${phases.join(' then ')}`,
      { exchanges: [...answer.exchangeIds, ...again.exchangeIds], pointer: '/phase' },
    );
  });

  it('model-based: a cancel answered with success never leaves the session in a cancellable phase', async () => {
    await judgeModelRun(ID, 'cancel-active');
  });
});
