import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import { expectCheck, inconclusive, notApplicable, requirement } from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';

const EXECUTION_PHASES = [
  'ACCEPTED',
  'WAITING',
  'PREPARING',
  'AVAILABLE',
  'RUNNING',
  'RELEASING',
  'COMPLETED',
];

requirement('/req/direct/creates-accepted-session', () => {
  it('direct execution creates one session, already ACCEPTED or later', async () => {
    const client = new BrokerClient();
    if (client.context.declaration.direct === false)
      notApplicable('the target declares no direct execution');
    const result = await client.direct(smallRequest(client, await brokerNow(client)));
    if (result.status === 404 || result.status === 405 || result.status === 501) {
      // Only the operator can say the feature is absent; until then this is unchecked.
      inconclusive(
        `the direct path answered ${result.status}; declare \`direct: false\` in --declare if the broker has no direct execution`,
      );
    }
    if (result.status === 409 || result.status === 429 || result.status === 503)
      inconclusive(
        `direct execution was refused for now (${result.status}): no room to run a session, so nothing to check`,
      );
    expectCheck(
      result.status === 303 || result.status === 200 || result.status === 201,
      `direct execution answered ${result.status}; expected 303 to the session or 200 with it`,
      {
        exchanges: result.exchanges,
      },
    );
    expectCheck(result.session !== undefined, 'direct execution gave no readable session', {
      exchanges: result.exchanges,
    });
    const phase = pick(result.session, 'phase');
    expectCheck(
      EXECUTION_PHASES.includes(phase as string),
      `the direct session is in phase ${JSON.stringify(phase)}, not ACCEPTED or later`,
      {
        exchanges: result.exchanges,
        pointer: '/phase',
      },
    );
  });
});
