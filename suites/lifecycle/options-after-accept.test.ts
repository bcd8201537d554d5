// After acceptance a session offers only cancellation while active, and nothing once ended.

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

const ID = '/req/lifecycle/options-after-accept';

requirement(ID, () => {
  it('accepted, rejected and cancelled sessions offer only what their phase allows', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage, 1, { duration: 'PT1H' });
    const [chosen, ...siblings] = offers;
    const accepted = await stage.broker.update('client', chosen!.session, 'ACCEPTED');
    if (!isWon(phaseOf(accepted) ?? '')) {
      inconclusive(
        `the accept did not take (${phaseOf(accepted) ?? accepted.status}), so there are no post-acceptance options to see`,
      );
    }
    await stage.broker.read('client', chosen!.session);
    for (const sibling of siblings) await stage.broker.read('client', sibling.session);
    await stage.broker.update('client', chosen!.session, 'CANCELLED');
    await stage.broker.read('client', chosen!.session);
    const report = await checkRecorded(stage, 'options-after-accept', ['options-after-accept']);
    failOnViolations(stage, report, '', '/meta/options');
  });

  it('model-based: no session seen after acceptance offers more than cancellation', async () => {
    await judgeModelRun(ID, 'options-after-accept');
  });
});
