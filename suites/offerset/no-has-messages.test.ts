import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient, offersOf } from '../harness/client.ts';
import { UNKNOWN_EXECUTABLE_KINDS } from '../arbitraries/executable.ts';
import { requestArbitrary } from '../arbitraries/request.ts';
import { pick } from '../harness/offers.ts';
import { checkProperty } from '../harness/property.ts';
import { expectCheck, inconclusive, requirement } from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';

requirement('/req/offerset/no-has-messages', () => {
  it('an OfferSet with result NO has no offers and at least one message', async () => {
    const client = new BrokerClient();
    const now = await brokerNow(client);
    const unknownKind = smallRequest(client, now);
    unknownKind.executable = {
      kind: UNKNOWN_EXECUTABLE_KINDS[0] ?? 'urn:unknown',
      meta: { name: 'unknown' },
    };
    const requests = {
      'min above max': smallRequest(client, now, { cores: { min: 8, max: 2 } }),
      'more cores than any platform': smallRequest(client, now, { cores: { min: 1_000_000 } }),
      'a very long duration': smallRequest(client, now, { durationMinutes: 60 * 24 * 400 }),
      'an unknown executable kind': unknownKind,
    };
    let noes = 0;
    for (const [what, request] of Object.entries(requests)) {
      const result = await client.create(request);
      await client.release(result.offerset);
      if (pick(result.offerset, 'result') !== 'NO') continue;
      noes += 1;
      expectCheck(offersOf(result.offerset).length === 0, `the NO answer to ${what} lists offers`, {
        exchanges: result.exchanges,
        pointer: '/offers',
      });
      const messages = pick(result.offerset, 'meta', 'messages');
      expectCheck(
        Array.isArray(messages) && messages.length > 0,
        `the NO answer to ${what} carries no message saying why`,
        {
          exchanges: result.exchanges,
          pointer: '/meta/messages',
        },
      );
    }
    if (noes === 0) inconclusive('the broker answered none of the impossible requests with NO');
  });

  it('every NO to a generated edge-case request has no offers and at least one message', async () => {
    const client = new BrokerClient();
    const now = await brokerNow(client);
    let noes = 0;
    await checkProperty(
      requestArbitrary({ profile: client.context.profile, now, shape: 'edge' }),
      async (request) => {
        const result = await client.create(request);
        await client.release(result.offerset);
        if (pick(result.offerset, 'result') !== 'NO') return;
        noes += 1;
        expectCheck(offersOf(result.offerset).length === 0, 'a NO answer lists offers', {
          exchanges: result.exchanges,
          pointer: '/offers',
        });
        const messages = pick(result.offerset, 'meta', 'messages');
        expectCheck(
          Array.isArray(messages) && messages.length > 0,
          'a NO answer carries no message saying why',
          {
            exchanges: result.exchanges,
            pointer: '/meta/messages',
          },
        );
      },
    );
    if (noes === 0) inconclusive('no generated request was answered NO');
  });
});
