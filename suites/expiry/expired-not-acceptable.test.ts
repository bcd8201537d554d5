// An expired offer cannot be accepted: the update leaves it EXPIRED.

import { it } from 'vitest';
import { fail, inconclusive, notApplicable, requirement } from '../harness/requirement.ts';
import { isWon } from '../history/phases.ts';
import { durationMs } from '../history/time.ts';
import { runModel } from '../model/run.ts';
import {
  latestExpiry,
  modelOptions,
  offersFor,
  openStage,
  passUntil,
  phaseOf,
} from '../harness/stateful/scenario.ts';
import { judgeModelRun } from '../model/verdict.ts';

const ID = '/req/expiry/expired-not-acceptable';

requirement(ID, () => {
  it('accepting an offer after its expiry instant does not make it ACCEPTED', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage);
    const offer = offers[0]!;
    const expires =
      latestExpiry([offer]) ?? inconclusive('the offer carries no readable expiry instant');
    await passUntil(stage, expires);
    const answer = await stage.broker.update('p1', offer.session, 'ACCEPTED');
    const after = await stage.broker.read('p1', offer.session);
    const phases = [phaseOf(answer), phaseOf(after)];
    if (phases.some((phase) => phase !== undefined && isWon(phase))) {
      fail(
        `offer ${offer.session} expired at ${offer.expires} and was then accepted ` +
          `(answer ${answer.status} ${phaseOf(answer) ?? ''}, then ${phaseOf(after) ?? after.status})`,
        { exchanges: [...answer.exchangeIds, ...after.exchangeIds], pointer: '/phase' },
      );
    }
  });

  it('model-based: no offer is accepted once its expiry instant has passed', async () => {
    const stage = await openStage();
    if (!stage.context.control)
      notApplicable('model runs let offers expire only through a control clock');
    const lifetime = durationMs(stage.context.declaration.offerLifetime) ?? 300_000;
    const waits = [1, Math.ceil(lifetime / 1000) + 30];
    await judgeModelRun(
      stage,
      'expired-not-acceptable',
      await runModel(modelOptions(stage, ID, waits)),
    );
  });
});
