// An offer nobody acts on is EXPIRED once its `expires` instant (plus the declared expiry grace:
// real brokers expire offers by polling) has passed. Judged on the shared expiry observation,
// so the wait is paid once for every time-dependent check.

import { it } from 'vitest';
import { fail, requirement } from '../harness/requirement.ts';
import { checkable, observed } from '../harness/stateful/judging.ts';

export const observes = ['expiry'] as const;

const ID = '/req/expiry/offer-expires';

requirement(ID, () => {
  it('every untouched offer reads EXPIRED after its expiry instant and the grace', async () => {
    const { untouched, deadline } = await observed('expiry');
    checkable(untouched.unchecked);
    const after =
      deadline === undefined ? '' : ` (judged after ${new Date(deadline).toISOString()})`;
    const problems = untouched.seen.filter((read) => read.phase !== 'EXPIRED');
    if (problems.length > 0)
      fail(
        `after the expiry instant and the grace${after}: ` +
          problems
            .map(
              (read) =>
                `offer ${read.session} (expires ${untouched.expires[read.session] ?? '?'}) is ${read.phase ?? `unreadable (${read.status})`}`,
            )
            .join('; '),
        { exchanges: problems.flatMap((read) => read.exchangeIds), pointer: '/phase' },
      );
  });
});
