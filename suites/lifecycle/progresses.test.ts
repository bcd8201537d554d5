// An accepted session moves through its execution phases as its schedule says and reaches a
// terminal phase. The session asks for a short duration; on the built-in broker the control
// clock is stepped forward instead of waiting.

import { it } from 'vitest';
import { fail, inconclusive, notApplicable, requirement } from '../harness/requirement.ts';
import { isTerminal, isWon } from '../history/phases.ts';
import { instantMs } from '../history/time.ts';
import { offersFor, openStage, phaseOf, pollSession } from '../model/scenario.ts';

const ID = '/req/lifecycle/progresses';
const AFTER_END_MS = 30 * 60_000;

requirement(ID, () => {
  it('a short accepted session reaches a terminal phase after its schedule ends', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage, 1, { duration: 'PT2M' });
    const offer = offers[0]!;
    const accepted = await stage.broker.update('p1', offer.session, 'ACCEPTED');
    if (!isWon(phaseOf(accepted) ?? '')) {
      inconclusive(
        `the accept did not take (${phaseOf(accepted) ?? accepted.status}), so there is no session to follow`,
      );
    }
    const slotEnd = instantMs(offer.slot?.end);
    if (slotEnd === undefined)
      inconclusive('the offer carries no readable schedule, so its end is unknown');
    const deadline = slotEnd + AFTER_END_MS;
    if (!stage.context.control && deadline - stage.broker.brokerNow() > stage.context.maxWaitMs) {
      notApplicable(
        `the session's schedule ends ${Math.ceil((slotEnd - stage.broker.brokerNow()) / 1000)} s from now, ` +
          `beyond --max-wait (${Math.round(stage.context.maxWaitMs / 1000)} s), and there is no control clock`,
      );
    }
    const seen = await pollSession(
      stage,
      offer.session,
      (facts) => isTerminal(facts?.phase ?? ''),
      {
        brokerSpanMs: deadline - stage.broker.brokerNow(),
        stepMs: stage.context.control ? 60_000 : 1000,
      },
    );
    const phases = seen.map((observed) => phaseOf(observed) ?? `status ${observed.status}`);
    const last = phases[phases.length - 1] ?? '';
    if (!isTerminal(last)) {
      fail(
        `session ${offer.session} is still ${last} ${Math.round((stage.broker.brokerNow() - slotEnd) / 60_000)} min after ` +
          `its schedule ended (seen: ${[...new Set(phases)].join(' -> ')})`,
        {
          exchanges: seen.slice(-2).flatMap((observed) => observed.exchangeIds),
          pointer: '/phase',
        },
      );
    }
  });
});
