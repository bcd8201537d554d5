// A scheduled session reports its preparing, available and releasing blocks, in time order.

import { it } from 'vitest';
import { fail, requirement } from '../harness/requirement.ts';
import { durationMs, instantMs, intervalBounds, pick } from '../history/time.ts';
import { offersFor, openStage } from '../harness/stateful/scenario.ts';

const ID = '/req/lifecycle/schedule-present';

/** What is wrong with one session's schedule, or nothing. */
function scheduleProblems(session: unknown): string[] {
  const schedule = pick(session, 'schedule');
  if (schedule === undefined) return ['it has no schedule'];
  const problems: string[] = [];
  const preparing = instantMs(pick(schedule, 'preparing', 'start'));
  const available = intervalBounds(pick(schedule, 'available', 'start'));
  const releasing = instantMs(pick(schedule, 'releasing', 'start'));
  if (preparing === undefined)
    problems.push('schedule.preparing.start is missing or not an instant');
  if (available === undefined)
    problems.push('schedule.available.start is missing or not an interval');
  if (releasing === undefined)
    problems.push('schedule.releasing.start is missing or not an instant');
  if (durationMs(pick(schedule, 'available', 'duration')) === undefined) {
    problems.push('schedule.available.duration is missing or not a duration');
  }
  if (preparing !== undefined && available !== undefined && preparing > available.earliest) {
    problems.push('preparing starts after the available block');
  }
  if (available !== undefined && releasing !== undefined && available.latest > releasing) {
    problems.push('releasing starts before the available block');
  }
  return problems;
}

requirement(ID, () => {
  it('every offer, and the session read back, carries an ordered schedule', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage);
    const problems: string[] = [];
    const exchanges: string[] = [];
    for (const offer of offers) {
      const reply = await stage.broker.client.getSession(offer.session);
      const found = scheduleProblems(reply.body);
      if (found.length > 0) {
        problems.push(`session ${offer.session}: ${found.join(', ')}`);
        exchanges.push(reply.exchange.id);
      }
    }
    if (problems.length > 0) fail(problems.join('; '), { exchanges, pointer: '/schedule' });
  });
});
