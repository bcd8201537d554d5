import { it } from 'vitest';
import { directOrEnd } from '../harness/direct.ts';
import { isWon } from '../history/phases.ts';
import { BrokerClient } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';

requirement('/req/direct/creates-accepted-session', () => {
  it('direct execution creates one session, already ACCEPTED or later', async () => {
    const client = new BrokerClient();
    const result = await directOrEnd(client);
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
      typeof phase === 'string' && isWon(phase),
      `the direct session is in phase ${JSON.stringify(phase)}, not ACCEPTED or later`,
      {
        exchanges: result.exchanges,
        pointer: '/phase',
      },
    );
  });
});
