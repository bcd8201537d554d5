// A session in a terminal phase never changes phase again, whatever the client asks.

import { it } from 'vitest';
import { inconclusive, requirement } from '../harness/requirement.ts';
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

const ID = '/req/lifecycle/terminal-stable';

requirement(ID, () => {
  it('a REJECTED offer stays REJECTED when accepted, cancelled or read later', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage);
    const offer = offers[0]!;
    const rejected = await stage.broker.update('client', offer.session, 'REJECTED');
    if (phaseOf(rejected) !== 'REJECTED') {
      inconclusive(
        `the offer did not become REJECTED (${phaseOf(rejected) ?? rejected.status}), so there is no terminal phase to watch`,
      );
    }
    await stage.broker.update('client', offer.session, 'ACCEPTED');
    await stage.broker.update('client', offer.session, 'CANCELLED');
    await stage.broker.read('client', offer.session);
    const report = await checkRecorded(stage, 'terminal-stable', ['terminal-stable']);
    failOnViolations(stage, report, '', '/phase');
  });

  it('a CANCELLED session stays CANCELLED when accepted again', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage, 1, { duration: 'PT1H' });
    const offer = offers[0]!;
    await stage.broker.update('client', offer.session, 'ACCEPTED');
    const cancelled = await stage.broker.update('client', offer.session, 'CANCELLED');
    if (phaseOf(cancelled) !== 'CANCELLED') {
      inconclusive(
        `the session did not become CANCELLED (${phaseOf(cancelled) ?? cancelled.status}), so there is no terminal phase to watch`,
      );
    }
    await stage.broker.update('client', offer.session, 'ACCEPTED');
    await stage.broker.read('client', offer.session);
    const report = await checkRecorded(stage, 'terminal-stable-cancelled', ['terminal-stable']);
    failOnViolations(stage, report, '', '/phase');
  });

  it('model-based: no terminal phase is ever followed by another', async () => {
    await judgeModelRun(ID, 'terminal-stable');
  });
});
