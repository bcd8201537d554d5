// An OFFERED session lists an enum option on the phase path with ACCEPTED and REJECTED.

import { it } from 'vitest';
import { requirement } from '../harness/requirement.ts';
import {
  checkRecorded,
  failOnViolations,
  offersFor,
  openStage,
} from '../harness/stateful/scenario.ts';
import { judgeModelRun } from '../model/verdict.ts';

/** The model-based test judges the shared model run (harness/stateful/observations/). */
export const observes = ['model'] as const;

const ID = '/req/lifecycle/options-offered';

requirement(ID, () => {
  it('fresh offers, in the offerset and read one by one, offer accept and reject', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage);
    for (const offer of offers) await stage.broker.read('client', offer.session);
    const report = await checkRecorded(stage, 'options-offered', ['options-offered']);
    failOnViolations(stage, report, '', '/meta/options');
  });

  it('model-based: every OFFERED session seen offers accept and reject', async () => {
    await judgeModelRun(ID, 'options-offered');
  });
});
