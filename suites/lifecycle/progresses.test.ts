// An accepted session moves through its execution phases as its schedule says and reaches a
// terminal phase. The session asks for a short duration; on the built-in broker the control
// clock is stepped forward instead of waiting.

import { it } from 'vitest';
import { fail, inconclusive, notApplicable, requirement } from '../harness/requirement.ts';
import { isTerminal, isWon } from '../history/phases.ts';
import { instantMs } from '../history/time.ts';
import { offersFor, openStage, phaseOf, pollSession } from '../harness/stateful/scenario.ts';

const ID = '/req/lifecycle/progresses';
const AFTER_END_MS = 30 * 60_000;
const MARGIN_MS = 60_000;
const BEFORE_AVAILABLE = ['ACCEPTED', 'WAITING', 'PREPARING'];

requirement(ID, () => {
  it('a short accepted session is ready during its available block and ends after it', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage, 1, { duration: 'PT10M' });
    const offer = offers[0]!;
    const accepted = await stage.broker.update('p1', offer.session, 'ACCEPTED');
    if (!isWon(phaseOf(accepted) ?? '')) {
      inconclusive(
        `the accept did not take (${phaseOf(accepted) ?? accepted.status}), so there is no session to follow`,
      );
    }
    const slotEnd = instantMs(offer.slot?.end);
    if (slotEnd === undefined) {
      inconclusive('the offer carries no readable schedule, so its end is unknown');
    }
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
    const slotStart = instantMs(offer.slot?.start);
    if (stage.context.control && slotStart !== undefined) {
      // Well inside its available block (broker time is exact on a control clock), a session
      // that is still getting ready is behind its schedule.
      const late = seen.find(
        (observed) =>
          observed.at > slotStart + MARGIN_MS &&
          observed.at < slotEnd - MARGIN_MS &&
          BEFORE_AVAILABLE.includes(phaseOf(observed) ?? ''),
      );
      if (late !== undefined) {
        fail(
          `session ${offer.session} was still ${phaseOf(late)} at ${new Date(late.at).toISOString()}, inside its ` +
            `available block ${offer.slot?.start} to ${offer.slot?.end}`,
          { exchanges: late.exchangeIds, pointer: '/phase' },
        );
      }
    }
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
