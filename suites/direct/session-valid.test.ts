import { it } from 'vitest';
import { schemaFindings, unknownKinds } from '../harness/checks.ts';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient, uuidOf } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import {
  expectCheck,
  fail,
  inconclusive,
  notApplicable,
  requirement,
} from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';

requirement('/req/direct/session-valid', () => {
  it('the direct session validates against the session schema and GETs from its meta.url', async () => {
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
    const session =
      result.session ??
      inconclusive(`direct execution answered ${result.status} without a session`);
    const [problem] = [
      ...schemaFindings(client.context.profile, 'ExecutionSession', session),
      ...unknownKinds(client.context.profile, session),
    ];
    if (problem !== undefined)
      fail(`the direct session: ${problem.message}`, {
        exchanges: result.exchanges,
        pointer: problem.pointer ?? '',
      });
    const url = pick(session, 'meta', 'url');
    expectCheck(typeof url === 'string' && url !== '', 'the direct session has no meta.url', {
      exchanges: result.exchanges,
      pointer: '/meta/url',
    });
    const read = await client.getSession(new URL(url, client.url('/')).toString());
    expectCheck(
      read.status === 200 && uuidOf(read.body) === uuidOf(session),
      `GET ${url} answered ${read.status} without the direct session`,
      {
        exchanges: [...result.exchanges, read.exchange],
        pointer: '/meta/url',
      },
    );
  });
});
