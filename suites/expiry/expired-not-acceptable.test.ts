// An expired offer cannot be accepted: the update leaves it EXPIRED.

import { it } from 'vitest';
import { fail, requirement } from '../harness/requirement.ts';
import { checkable, observed } from '../harness/stateful/judging.ts';
import { isWon } from '../history/phases.ts';
import { judgeModelRun } from '../model/verdict.ts';
import { targetContext } from '../harness/context.ts';

export const observes = ['expiry', 'model'] as const;

const ID = '/req/expiry/expired-not-acceptable';

requirement(ID, () => {
  it('accepting an offer after its expiry instant and the grace does not make it ACCEPTED', async () => {
    const { late } = await observed('expiry');
    checkable(late.unchecked);
    const won = late.seen.filter((read) => read.phase !== undefined && isWon(read.phase));
    if (won.length > 0) {
      const session = won[0]?.session ?? '?';
      fail(
        `offer ${session} expired at ${late.expires[session] ?? '?'} and was then accepted ` +
          `(${late.seen.map((read) => read.phase ?? read.status).join(', then ')})`,
        { exchanges: late.seen.flatMap((read) => read.exchangeIds), pointer: '/phase' },
      );
    }
  });

  // On a real clock the model cannot let minutes pass, so only the scenario above checks it.
  it.runIf(targetContext().control)(
    'model-based (control clock only): no offer is accepted once its expiry instant has passed',
    async () => {
      await judgeModelRun(ID, 'expired-not-acceptable');
    },
  );
});
