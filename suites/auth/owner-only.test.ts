// Sessions belong to the identity that asked for them: another identity's update is answered
// 403 and changes nothing, whether the session is an offer or already accepted.

import { it } from 'vitest';
import { BrokerClient, uuidOf, type Reply } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import { createOffers } from '../harness/samples.ts';
import { requireAuth } from '../harness/features.ts';

const ID = '/req/auth/owner-only';

function update(client: BrokerClient, uuid: string, value: string): Promise<Reply> {
  return client.raw('POST', client.paths.session(uuid), {
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ kind: 'uri:enum-value-update', path: 'phase', value }),
    as: 'second',
  });
}

/** The second identity's update must be refused 403, and the session read as before. */
async function expectForbidden(client: BrokerClient, uuid: string, value: string): Promise<void> {
  const before = await client.getSession(uuid);
  const reply = await update(client, uuid, value);
  if (reply.status === 401)
    inconclusive('the second identity was refused (401): check --second-user NAME:PASSWORD');
  const after = await client.getSession(uuid);
  const exchanges = [before.exchange, reply.exchange, after.exchange];
  if (reply.status !== 403) {
    fail(
      `another identity's ${value} of session ${uuid} was answered ${reply.status || reply.error}; the owner's sessions are refused to others with 403`,
      { exchanges },
    );
  }
  const [was, is] = [pick(before.body, 'phase'), pick(after.body, 'phase')];
  if (was !== is) {
    fail(
      `another identity's refused ${value} still moved session ${uuid} from ${String(was)} to ${String(is)}`,
      {
        exchanges,
        pointer: '/phase',
      },
    );
  }
}

requirement(ID, () => {
  it("another identity's accept, reject or cancel gets 403 and changes nothing", async () => {
    const client = new BrokerClient();
    requireAuth(client);
    if (client.context.credentials === undefined || client.context.secondCredentials === undefined)
      inconclusive(
        'credentials needed: give --user NAME:PASSWORD and --second-user NAME:PASSWORD (two identities)',
      );
    const { offers, offerset } = await createOffers(client);
    try {
      const uuid = uuidOf(offers[0]);
      if (uuid === undefined) inconclusive('the first offer has no meta.uuid to update');
      await expectForbidden(client, uuid, 'ACCEPTED');
      await expectForbidden(client, uuid, 'REJECTED');
      const accepted = await client.accept(uuid);
      if (accepted.status !== 200 && accepted.status !== 303)
        inconclusive(
          `the owner's accept was answered ${accepted.status}, so there is no session to guard`,
        );
      await expectForbidden(client, uuid, 'CANCELLED');
      await client.cancel(uuid);
    } finally {
      await client.release(offerset);
    }
  });
});
