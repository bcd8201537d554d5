import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient, type CreateResult } from '../harness/client.ts';
import { UNKNOWN_EXECUTABLE_KINDS } from '../arbitraries/executable.ts';
import { requestArbitrary } from '../arbitraries/request.ts';
import { expectRuleClean } from '../harness/documents.ts';
import { checkProperty } from '../harness/property.ts';
import { inconclusive, requirement } from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';

const ID = '/req/offerset/no-has-messages';

/** Judges the answer of a create with the rule; returns 1 when it was a NO, else 0. */
function judgeAnswer(client: BrokerClient, result: CreateResult, what: string): number {
  const answer = result.replies.at(-1);
  if (answer === undefined || result.offerset === undefined) return 0;
  return expectRuleClean(client, ID, answer, 'OfferSetResponse', what);
}

requirement(ID, () => {
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
      noes += judgeAnswer(client, result, `the answer to ${what}`);
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
        noes += judgeAnswer(client, result, 'the answer to a generated request');
      },
    );
    if (noes === 0) inconclusive('no generated request was answered NO');
  });
});
