// An offer nobody acts on is EXPIRED once its `expires` instant has passed. The test lets the
// broker's clock run past the instant (control clock, or a real wait within --max-wait).

import { it } from 'vitest';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import {
  latestExpiry,
  offersFor,
  openStage,
  passUntil,
  phaseOf,
} from '../harness/stateful/scenario.ts';

const ID = '/req/expiry/offer-expires';

requirement(ID, () => {
  it('every untouched offer reads EXPIRED after its expiry instant', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage);
    const expires =
      latestExpiry(offers) ?? inconclusive('the offers carry no readable expiry instant');
    await passUntil(stage, expires);
    const problems: string[] = [];
    const exchanges: string[] = [];
    for (const offer of offers) {
      const seen = await stage.broker.read('p1', offer.session);
      if (phaseOf(seen) !== 'EXPIRED') {
        problems.push(
          `offer ${offer.session} (expires ${offer.expires}) is ${phaseOf(seen) ?? `unreadable (${seen.status})`}`,
        );
        exchanges.push(...seen.exchangeIds);
      }
    }
    if (problems.length > 0)
      fail(`after the expiry instant: ${problems.join('; ')}`, { exchanges, pointer: '/phase' });
  });
});
