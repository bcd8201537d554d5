// A broker that declares authentication refuses writes without credentials, or with credentials
// it does not accept, with 401 and a challenge, and carries nothing out: never 2xx, never 5xx.

import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient, uuidOf, type Reply } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import { createOffers, smallRequest } from '../harness/samples.ts';
import { requireAuth } from '../harness/features.ts';

const ID = '/req/auth/unauthenticated-401';
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

function declaredScheme(client: BrokerClient): 'basic' | 'bearer' {
  return requireAuth(client);
}

/** Credentials the broker cannot accept: the run's user with a wrong password, or nobody's. */
function wrongAuthorization(client: BrokerClient, scheme: 'basic' | 'bearer'): string {
  if (scheme === 'bearer') return 'Bearer eb-conform-not-a-token';
  const user = client.context.credentials?.user ?? 'eb-conform-nobody';
  const password = `${client.context.credentials?.password ?? ''}-not-the-password`;
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** 401 with a challenge for the declared scheme, or a failure naming what came instead. */
function expectRefused(reply: Reply, what: string, scheme: 'basic' | 'bearer'): void {
  if (reply.status !== 401) {
    fail(
      `${what} was answered ${reply.status || reply.error}; a broker that declares ${scheme} auth answers 401`,
      { exchanges: [reply.exchange] },
    );
  }
  const challenge = reply.headers['www-authenticate'] ?? '';
  if (!challenge.toLowerCase().startsWith(scheme)) {
    fail(
      `${what} was answered 401 with ${challenge === '' ? 'no WWW-Authenticate challenge' : `the challenge "${challenge}"`}; HTTP asks for a ${scheme === 'basic' ? 'Basic' : 'Bearer'} challenge`,
      { exchanges: [reply.exchange] },
    );
  }
}

/** Rejects what a broker that should have refused a create made anyway. */
async function undo(client: BrokerClient, reply: Reply): Promise<void> {
  if (reply.status === 303 && reply.headers.location !== undefined) {
    const read = await client.getOfferSet(
      new URL(reply.headers.location, client.url('/')).toString(),
    );
    await client.release(read.body);
  } else if (reply.status === 200) await client.release(reply.body);
}

requirement(ID, () => {
  it('a create or direct request without credentials, or with wrong ones, gets 401 and a challenge', async () => {
    const client = new BrokerClient();
    const scheme = declaredScheme(client);
    const body = JSON.stringify(smallRequest(client, await brokerNow(client)));
    const attempts: [string, Record<string, string>][] = [
      ['without credentials', {}],
      ['with wrong credentials', { authorization: wrongAuthorization(client, scheme) }],
    ];
    const paths = [client.paths.create];
    if (client.context.declaration.direct === true) paths.push(client.paths.direct);
    for (const path of paths)
      for (const [how, headers] of attempts) {
        const reply = await client.raw('POST', path, {
          headers: { ...JSON_HEADERS, ...headers },
          body,
          as: 'anonymous',
        });
        try {
          expectRefused(reply, `POST ${path} ${how}`, scheme);
        } finally {
          if (path === client.paths.create) await undo(client, reply);
        }
      }
  });

  it('an update without credentials gets 401 and leaves the offer as it was', async () => {
    const client = new BrokerClient();
    const scheme = declaredScheme(client);
    if (client.context.credentials === undefined && scheme === 'basic')
      inconclusive('credentials needed: give --user NAME:PASSWORD, so there is an offer to update');
    const { offers, offerset } = await createOffers(client);
    try {
      const uuid = uuidOf(offers[0]);
      if (uuid === undefined) inconclusive('the first offer has no meta.uuid to update');
      const before = await client.getSession(uuid);
      const reply = await client.raw('POST', client.paths.session(uuid), {
        headers: JSON_HEADERS,
        body: JSON.stringify({ kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' }),
        as: 'anonymous',
      });
      expectRefused(reply, `accepting offer ${uuid} without credentials`, scheme);
      const after = await client.getSession(uuid);
      const phase = pick(after.body, 'phase');
      if (phase !== pick(before.body, 'phase')) {
        fail(`after the refused update, offer ${uuid} reads ${String(phase)}`, {
          exchanges: [before.exchange, reply.exchange, after.exchange],
          pointer: '/phase',
        });
      }
    } finally {
      await client.release(offerset);
    }
  });
});
