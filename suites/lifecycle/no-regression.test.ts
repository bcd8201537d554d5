// A session's phase only moves forward along the lifecycle and never returns to OFFERED.

import { it } from 'vitest';
import { inconclusive, requirement } from '../harness/requirement.ts';
import { isWon } from '../history/phases.ts';
import {
  checkRecorded,
  failOnViolations,
  offersFor,
  openStage,
  phaseOf,
} from '../harness/stateful/scenario.ts';
import { judgeModelRun } from '../model/verdict.ts';

/** The model-based test judges the shared model run (harness/stateful/observations/). */
export const observes = ['model'] as const;

const ID = '/req/lifecycle/no-regression';

requirement(ID, () => {
  it('an accepted session read again and again only moves forward', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage, 1, { duration: 'PT5M' });
    const offer = offers[0]!;
    const accepted = await stage.broker.update('client', offer.session, 'ACCEPTED');
    if (!isWon(phaseOf(accepted) ?? '')) {
      inconclusive(
        `the accept did not take (${phaseOf(accepted) ?? accepted.status}), so there is no progress to watch`,
      );
    }
    // Read it several times, letting a little broker time pass between reads so that it
    // can move on (a few seconds: a shared clock should not jump far for other tests).
    for (let read = 0; read < 4; read += 1) {
      await stage.broker.read('client', offer.session);
      await stage.broker.pass(stage.context.control ? 5_000 : 200);
    }
    const report = await checkRecorded(stage, 'no-regression', ['no-regression']);
    failOnViolations(stage, report, '', '/phase');
  });

  it('model-based: no session is ever seen going back', async () => {
    await judgeModelRun(ID, 'no-regression');
  });
});
