// Authentication and ownership: Basic identities (from --user or the config), a bearer token,
// reads open unless closed, health always open; another identity's update is refused and
// changes nothing; no credential ever appears in an error body or a log line.
import { describe, expect, it } from 'vitest';
import { MockOptionsError, resolveAuth } from '../../mock/index.ts';
import type { LogEntry } from '../../mock/http/log.ts';
import { ALICE, BOB } from './feature-fault-checks.ts';
import { dockerRequest, send, withBroker } from './http-helpers.ts';

const USERS = { users: ['alice:a-secret', 'bob:b-secret'] };
const update = (value: string) => ({ kind: 'uri:enum-value-update', path: 'phase', value });
const basic = (credentials: string) => ({
  authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
});

async function offersAs(base: string, headers: Record<string, string>) {
  const created = await send(`${base}/requests`, { body: dockerRequest(), headers });
  expect(created.status).toBe(303);
  return (await send(created.headers.location!, { headers })).body;
}

describe('basic authentication', () => {
  it('refuses a write without credentials, or with wrong ones, with 401 and a Basic challenge', async () => {
    await withBroker(USERS, async (broker) => {
      for (const headers of [
        {},
        basic('alice:wrong'),
        basic('mallory:a-secret'),
        basic('alice'),
        { authorization: 'Basic !!!' },
        { authorization: 'Bearer a-secret' },
      ]) {
        const answer = await send(`${broker.url}/requests`, { body: dockerRequest(), headers });
        expect(answer.status, JSON.stringify(headers)).toBe(401);
        expect(answer.headers['www-authenticate']).toBe('Basic realm="eb-conform"');
        expect(answer.body.error.code).toBe('unauthorized');
      }
      const direct = await send(`${broker.url}/direct`, { body: dockerRequest() });
      expect(direct.status).toBe(401);
    });
  });

  it('carries out a write with good credentials, and keeps reads and health open', async () => {
    await withBroker(USERS, async (broker) => {
      const offerSet = await offersAs(broker.url, ALICE);
      expect(offerSet.result).toBe('YES');
      expect((await send(offerSet.meta.url)).status).toBe(200);
      expect((await send(offerSet.offers[0].meta.url)).status).toBe(200);
      expect((await send(`${broker.url}/health`)).body).toEqual({ status: 'UP' });
      expect((await send(`${broker.url}/actuator/health`)).body).toEqual({ status: 'UP' });
    });
  });

  it('closes reads with --auth-reads, but never health', async () => {
    await withBroker({ ...USERS, authReads: true }, async (broker) => {
      const offerSet = await offersAs(broker.url, ALICE);
      expect((await send(offerSet.meta.url)).status).toBe(401);
      expect((await send(offerSet.meta.url, { headers: BOB })).status).toBe(200);
      expect((await send(`${broker.url}/health`)).status).toBe(200);
    });
  });

  it('reads identities from the platform config as well', async () => {
    const config = { identities: [{ name: 'carol', password: 'c-secret' }] };
    await withBroker({ config }, async (broker) => {
      expect((await send(`${broker.url}/requests`, { body: dockerRequest() })).status).toBe(401);
      const answer = await send(`${broker.url}/requests`, {
        body: dockerRequest(),
        headers: basic('carol:c-secret'),
      });
      expect(answer.status).toBe(303);
    });
  });

  it('lets a password hold colons', async () => {
    await withBroker({ users: ['dave:a:b:c'] }, async (broker) => {
      const headers = basic('dave:a:b:c');
      expect(
        (await send(`${broker.url}/requests`, { body: dockerRequest(), headers })).status,
      ).toBe(303);
    });
  });
});

describe('ownership', () => {
  it("refuses another identity's update with 403 and leaves the session as it was", async () => {
    await withBroker(USERS, async (broker) => {
      const offerSet = await offersAs(broker.url, ALICE);
      const offer = offerSet.offers[0];
      for (const value of ['ACCEPTED', 'REJECTED']) {
        const refused = await send(offer.meta.url, { body: update(value), headers: BOB });
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe('not-owner');
      }
      const after = await send(offer.meta.url);
      expect(after.body.phase).toBe('OFFERED');
      expect(after.body.meta.modified).toBe(offer.meta.modified);
      const accepted = await send(offer.meta.url, { body: update('ACCEPTED'), headers: ALICE });
      expect(accepted.status).toBe(200);
      expect(accepted.body.phase).toBe('ACCEPTED');
    });
  });

  it('keeps a direct session to the identity that asked for it', async () => {
    await withBroker(USERS, async (broker) => {
      const created = await send(`${broker.url}/direct`, { body: dockerRequest(), headers: BOB });
      expect(created.status).toBe(303);
      const url = created.headers.location!;
      expect((await send(url, { body: update('CANCELLED'), headers: ALICE })).status).toBe(403);
      expect((await send(url, { body: update('CANCELLED'), headers: BOB })).body.phase).toBe(
        'CANCELLED',
      );
    });
  });

  it('answers an unknown session 404 before asking whose it is', async () => {
    await withBroker(USERS, async (broker) => {
      const answer = await send(`${broker.url}/sessions/00000000-0000-4000-8000-000000000000`, {
        body: update('ACCEPTED'),
        headers: BOB,
      });
      expect(answer.status).toBe(404);
    });
  });
});

describe('bearer authentication', () => {
  it('takes the token for writes only, and refuses others with a Bearer challenge', async () => {
    await withBroker({ token: 't0ken' }, async (broker) => {
      const refused = await send(`${broker.url}/requests`, {
        body: dockerRequest(),
        headers: { authorization: 'Bearer other' },
      });
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="eb-conform"');
      const created = await send(`${broker.url}/requests`, {
        body: dockerRequest(),
        headers: { authorization: 'bearer t0ken' },
      });
      expect(created.status).toBe(303);
      expect((await send(created.headers.location!)).status).toBe(200);
    });
  });
});

describe('credentials stay secret', () => {
  it('never appear in an error body or a log line', async () => {
    const lines: LogEntry[] = [];
    await withBroker({ ...USERS, log: (entry) => lines.push(entry) }, async (broker) => {
      const texts: string[] = [];
      for (const headers of [basic('alice:a-secret-but-wrong'), basic('mallory:m-secret'), ALICE])
        for (const accept of ['application/json', 'application/yaml', 'application/xml']) {
          const offerSet = await send(`${broker.url}/requests?token=q-secret`, {
            body: { executable: 3 },
            headers: { ...headers, accept },
          });
          texts.push(offerSet.text);
        }
      const offerSet = await offersAs(broker.url, ALICE);
      const refused = await send(offerSet.offers[0].meta.url, {
        body: update('ACCEPTED'),
        headers: BOB,
      });
      texts.push(refused.text, JSON.stringify(lines));
      for (const text of texts)
        for (const secret of ['a-secret', 'b-secret', 'm-secret', 'q-secret', 'mallory'])
          expect(text).not.toContain(secret);
      expect(lines.length).toBeGreaterThan(5);
      expect(lines[0]).toMatchObject({ method: 'POST', status: 401 });
    });
  });
});

describe('auth options', () => {
  it('infers the scheme from what is given, and refuses contradictions', () => {
    expect(resolveAuth({}).scheme).toBe('none');
    expect(resolveAuth({ users: ['a:b'] }).scheme).toBe('basic');
    expect(resolveAuth({ token: 't' }).scheme).toBe('bearer');
    expect(resolveAuth({}, [{ name: 'a', password: 'b' }]).scheme).toBe('basic');
    for (const [options, message] of [
      [{ auth: 'basic' as const }, /at least one identity/],
      [{ auth: 'bearer' as const }, /needs a token/],
      [{ auth: 'none' as const, users: ['a:b'] }, /users are for basic/],
      [{ auth: 'basic' as const, token: 't', users: ['a:b'] }, /token is for bearer/],
      [{ authReads: true }, /needs an auth scheme/],
      [{ users: ['nopassword'] }, /NAME:PASSWORD/],
      [{ users: ['a:b', 'a:c'] }, /given twice/],
    ] as const) {
      expect(() => resolveAuth(options)).toThrow(MockOptionsError);
      expect(() => resolveAuth(options)).toThrow(message);
    }
  });
});
