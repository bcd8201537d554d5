import { it } from 'vitest';
import { schemaFindings, unknownKinds } from '../harness/checks.ts';
import { directOrEnd } from '../harness/direct.ts';
import { BrokerClient, uuidOf } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import { expectCheck, fail, inconclusive, requirement } from '../harness/requirement.ts';

requirement('/req/direct/session-valid', () => {
  it('the direct session validates against the session schema and GETs from its meta.url', async () => {
    const client = new BrokerClient();
    const result = await directOrEnd(client);
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
