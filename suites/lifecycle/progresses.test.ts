// An accepted session moves through its execution phases as its schedule says and reaches a
// terminal phase. Judged on the shared progress observation (a short session accepted at the
// start of the run and read until it ended).

import { it } from 'vitest';
import { fail, requirement } from '../harness/requirement.ts';
import { targetContext } from '../harness/context.ts';
import { checkable, observed } from '../harness/stateful/judging.ts';
import { isTerminal } from '../history/phases.ts';
import { instantMs } from '../history/time.ts';

export const observes = ['progress'] as const;

const ID = '/req/lifecycle/progresses';
const MARGIN_MS = 60_000;
const BEFORE_AVAILABLE = ['ACCEPTED', 'WAITING', 'PREPARING'];

requirement(ID, () => {
  it('a short accepted session is ready during its available block and ends after it', async () => {
    const { unchecked, offer, seen, ends } = await observed('progress');
    checkable(unchecked);
    if (offer === undefined || ends === undefined)
      throw new Error('the progress observation ended without a session');
    const slotStart = instantMs(offer.slot?.start);
    const slotEnd = instantMs(offer.slot?.end);
    if (targetContext().control && slotStart !== undefined && slotEnd !== undefined) {
      // Well inside its available block (broker time is exact on a control clock), a session
      // that is still getting ready is behind its schedule.
      const late = seen.find(
        (read) =>
          read.at > slotStart + MARGIN_MS &&
          read.at < slotEnd - MARGIN_MS &&
          BEFORE_AVAILABLE.includes(read.phase ?? ''),
      );
      if (late !== undefined)
        fail(
          `session ${offer.session} was still ${late.phase} at ${new Date(late.at).toISOString()}, inside its ` +
            `available block ${offer.slot?.start} to ${offer.slot?.end}`,
          { exchanges: late.exchangeIds, pointer: '/phase' },
        );
    }
    const last = seen.at(-1);
    if (last === undefined || !isTerminal(last.phase ?? ''))
      fail(
        `session ${offer.session} is still ${last?.phase ?? 'unread'} ${Math.round(((last?.at ?? ends) - ends) / 1000)} s after ` +
          `its schedule ended (seen: ${[...new Set(seen.map((read) => read.phase ?? `status ${read.status}`))].join(' -> ')})`,
        { exchanges: seen.slice(-2).flatMap((read) => read.exchangeIds), pointer: '/phase' },
      );
  });
});
