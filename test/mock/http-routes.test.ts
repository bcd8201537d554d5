import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockBroker, type MockBroker } from '../../mock/index.ts';
import { createOffers, dockerRequest, KIND, send, withBroker } from './http-helpers.ts';

const accept = { kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' };

describe('reference broker over HTTP (v1.0.7)', () => {
  let broker: MockBroker;
  beforeAll(async () => {
    // A retention past the day the lifecycle test advances, so its sessions stay readable.
    broker = await startMockBroker({
      port: 0,
      clock: 'virtual',
      control: true,
      config: { retention: 'P30D' },
    });
  });
  afterAll(() => broker.close());

  it('answers create with 303 and an absolute Location that GETs the offer set', async () => {
    const created = await send(`${broker.url}/requests`, { body: dockerRequest() });
    expect(created.status).toBe(303);
    expect(created.headers.location).toMatch(new RegExp(`^${broker.url}/offersets/[0-9a-f-]{36}$`));
    const offerSet = await send(created.headers.location!);
    expect(offerSet.status).toBe(200);
    expect(offerSet.body.result).toBe('YES');
    expect(offerSet.body.meta.url).toBe(created.headers.location);
    for (const offer of offerSet.body.offers) {
      expect(offer.kind).toBe(KIND.session);
      expect(offer.phase).toBe('OFFERED');
      expect(offer.meta.options).toEqual([
        { kind: 'uri:enum-value-option', path: 'phase', values: ['ACCEPTED', 'REJECTED'] },
      ]);
      expect(Object.keys(offer.schedule).sort()).toEqual(['available', 'preparing', 'releasing']);
      const self = await send(offer.meta.url);
      expect(self.body.meta.uuid).toBe(offer.meta.uuid);
    }
  });

  it('understands v1.0.5 kind URIs in a v1.0.7 broker and answers in v1.0.7 URIs', async () => {
    const request = dockerRequest();
    (request.executable as Record<string, unknown>).kind = KIND.dockerV105;
    const offerSet = await createOffers(broker.url, request);
    expect(offerSet.body.result).toBe('YES');
    expect(offerSet.body.offers[0].executable.kind).toBe(KIND.docker);
  });

  it('accepts by update (bare, "/phase", wrapped, with `type`), rejecting the siblings', async () => {
    for (const update of [
      accept,
      { ...accept, path: '/phase' },
      { update: { type: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' } },
    ]) {
      const offerSet = await createOffers(broker.url);
      const [first, second] = offerSet.body.offers;
      const accepted = await send(first.meta.url, { body: update });
      expect(accepted.status).toBe(200);
      expect(accepted.body.phase).toBe('ACCEPTED');
      expect(accepted.body.meta.options[0].values).toEqual(['CANCELLED']);
      expect((await send(second.meta.url)).body.phase).toBe('REJECTED');
    }
  });

  it('refuses illegal transitions with 409 and malformed updates with 400, changing nothing', async () => {
    const offerSet = await createOffers(broker.url);
    const [first, second] = offerSet.body.offers;
    await send(first.meta.url, { body: accept });
    const conflict = await send(second.meta.url, { body: accept });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: 'illegal-transition', status: 409 });
    const cases: [unknown, string][] = [
      [
        { kind: 'uri:string-value-update', path: 'phase', value: 'ACCEPTED' },
        'unknown-update-kind',
      ],
      [{ ...accept, path: 'name' }, 'unknown-update-path'],
      [{ ...accept, value: 'RUNNING' }, 'unknown-update-value'],
      [{ path: 'phase' }, 'invalid-body'],
    ];
    for (const [body, code] of cases) {
      const answer = await send(first.meta.url, { body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe(code);
    }
    expect((await send(first.meta.url)).body.phase).toBe('ACCEPTED');
  });

  it('follows the lifecycle and expiry as the control clock advances', async () => {
    const offerSet = await createOffers(broker.url);
    const [first, second] = offerSet.body.offers;
    const other = (await createOffers(broker.url)).body.offers[0];
    await send(first.meta.url, { body: accept });
    const platform = await send(`${broker.url}/_control/platform`);
    expect(platform.body.offerLifetime).toBe('PT5M');
    const advanced = await send(`${broker.url}/_control/advance`, { body: { seconds: 301 } });
    expect(advanced.status).toBe(200);
    expect((await send(`${broker.url}/_control/clock`)).body.now).toBe(advanced.body.now);
    expect((await send(other.meta.url)).body.phase).toBe('EXPIRED');
    expect((await send(other.meta.url)).body.meta.options).toEqual([]);
    expect((await send(second.meta.url)).body.phase).toBe('REJECTED');
    expect((await send(first.meta.url)).body.phase).not.toBe('ACCEPTED');
    const late = await send(other.meta.url, { body: accept });
    expect(late.status).toBe(409);
    await send(`${broker.url}/_control/advance`, { body: { seconds: 86_400 } });
    expect((await send(first.meta.url)).body.phase).toBe('COMPLETED');
  });

  it('cancels an accepted session', async () => {
    const [offer] = (await createOffers(broker.url)).body.offers;
    await send(offer.meta.url, { body: accept });
    const cancelled = await send(offer.meta.url, { body: { ...accept, value: 'CANCELLED' } });
    expect(cancelled.body.phase).toBe('CANCELLED');
    expect(cancelled.body.meta.options).toEqual([]);
  });

  it('answers an unsatisfiable request with a NO offer set carrying structured messages', async () => {
    const answer = await createOffers(
      broker.url,
      dockerRequest({ compute: { kind: KIND.compute, cores: { min: 5000 } } }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.result).toBe('NO');
    expect(answer.body.offers).toEqual([]);
    const [message] = answer.body.meta.messages;
    expect(Object.keys(message).sort()).toEqual([
      'kind',
      'level',
      'message',
      'template',
      'time',
      'values',
    ]);
    expect(message.values).toMatchObject({ resource: 'cores', requested: '5000' });
  });

  it('creates an accepted session directly', async () => {
    const created = await send(`${broker.url}/direct`, { body: dockerRequest() });
    expect(created.status).toBe(303);
    const session = await send(created.headers.location!);
    expect(session.body.phase).toBe('ACCEPTED');
    const refused = await send(`${broker.url}/direct`, {
      body: dockerRequest({ compute: { kind: KIND.compute, cores: { min: 5000 } } }),
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('direct-refused');
    expect(refused.body.error.messages[0].values.resource).toBe('cores');
  });

  it('answers every error with its named template in the ErrorResponse shape', async () => {
    const base = broker.url;
    const cases: [string, Parameters<typeof send>[1], number, string][] = [
      ['/nowhere', {}, 404, 'no-such-route'],
      ['/offersets/00000000-0000-0000-0000-000000000000', {}, 404, 'unknown-offerset'],
      ['/sessions/00000000-0000-0000-0000-000000000000', {}, 404, 'unknown-session'],
      ['/sessions/00000000-0000-0000-0000-000000000000', { body: accept }, 404, 'unknown-session'],
      ['/requests', { method: 'GET' }, 405, 'method-not-allowed'],
      [
        '/requests',
        { body: dockerRequest(), headers: { accept: 'text/html' } },
        406,
        'not-acceptable',
      ],
      [
        '/requests',
        { raw: '<x/>', headers: { 'content-type': 'text/html' } },
        415,
        'unsupported-media-type',
      ],
      [
        '/requests',
        { raw: '{"executable": ', headers: { 'content-type': 'application/json' } },
        400,
        'malformed-body',
      ],
      [
        '/requests',
        { raw: 'a: [1', headers: { 'content-type': 'application/yaml' } },
        400,
        'malformed-body',
      ],
      [
        '/requests',
        {
          raw: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
          headers: { 'content-type': 'application/json' },
        },
        400,
        'bad-encoding',
      ],
      [
        '/requests',
        { raw: '['.repeat(100) + ']'.repeat(100), headers: { 'content-type': 'application/json' } },
        400,
        'too-deep',
      ],
      ['/requests', { body: { compute: { cores: { min: 'two' } } } }, 400, 'invalid-body'],
      [
        '/requests',
        { raw: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'application/json' } },
        413,
        'payload-too-large',
      ],
      ['/_control/advance', { body: { seconds: -1 } }, 400, 'invalid-body'],
      // Past what a Date holds: refused, so the clock stays usable for every later answer.
      ['/_control/advance', { body: { seconds: 1e308 } }, 400, 'invalid-body'],
      ['/_control/advance', { body: { seconds: 1e13 } }, 400, 'invalid-body'],
    ];
    for (const [path, options, status, code] of cases) {
      const answer = await send(`${base}${path}`, options);
      expect({ path, status: answer.status }).toEqual({ path, status });
      const body = answer.body ?? JSON.parse(answer.text);
      expect(body.error).toMatchObject({ code, status });
      expect(body.error.message.length).toBeGreaterThan(0);
    }
    expect((await send(`${base}/_control/clock`)).status).toBe(200);
    const wrongMethod = await send(`${base}/sessions/abc`, { method: 'DELETE' });
    expect(wrongMethod.headers.allow).toBe('GET, POST');
    const invalid = await send(`${base}/requests`, {
      body: { compute: { cores: { min: 'two' } }, storage: 3 },
    });
    expect(invalid.body.error.issues.map((issue: { pointer: string }) => issue.pointer)).toEqual([
      '/compute/cores/min',
      '/storage',
      '/compute/kind',
    ]);
  });
});

describe('reference broker options', () => {
  it('answers create with 200 and the offer set when asked to', async () => {
    await withBroker({ createStatus: 200 }, async (broker) => {
      const answer = await send(`${broker.url}/requests`, { body: dockerRequest() });
      expect(answer.status).toBe(200);
      expect(answer.body.result).toBe('YES');
    });
  });

  it('serves the v1.0.5 paths and URIs under --profile v1.0.5', async () => {
    await withBroker({ profile: 'v1.0.5' }, async (broker) => {
      expect((await send(`${broker.url}/requests`, { body: dockerRequest() })).status).toBe(404);
      const offerSet = await createOffers(broker.url, dockerRequest(), '/offersets');
      expect(offerSet.body.offers[0].kind).toBe(KIND.sessionV105);
      expect((await send(`${broker.url}/sessions`, { body: dockerRequest() })).status).toBe(303);
    });
  });

  it('requires the bearer token when one is set', async () => {
    await withBroker({ token: 's3cret' }, async (broker) => {
      const refused = await send(`${broker.url}/requests`, { body: dockerRequest() });
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(refused.body.error.code).toBe('unauthorized');
      const allowed = await send(`${broker.url}/requests`, {
        body: dockerRequest(),
        headers: { authorization: 'Bearer s3cret' },
      });
      expect(allowed.status).toBe(303);
    });
  });

  it('keeps the control endpoint off unless asked, and refuses to advance a real clock', async () => {
    await withBroker({}, async (broker) => {
      expect((await send(`${broker.url}/_control/clock`)).status).toBe(404);
    });
    await withBroker({ control: true }, async (broker) => {
      const answer = await send(`${broker.url}/_control/advance`, { body: { seconds: 5 } });
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('clock-not-virtual');
    });
  });

  it('reads a platform config file and declares it on /_control/platform', async () => {
    const config = fileURLToPath(new URL('../../fixtures/platform/small.yaml', import.meta.url));
    await withBroker({ config, control: true }, async (broker) => {
      const platform = await send(`${broker.url}/_control/platform`);
      expect(platform.body).toMatchObject({
        totals: { cores: 8, memory: 32, storage: 100 },
        offerLifetime: 'PT1M',
        maxOffers: 2,
      });
      const offerSet = await createOffers(
        broker.url,
        dockerRequest({ compute: { kind: KIND.compute, cores: { min: 1, max: 8 } } }),
      );
      expect(offerSet.body.offers).toHaveLength(2);
    });
  });

  it('compresses the lifecycle under a time scale', async () => {
    await withBroker({ timeScale: 3600, control: true }, async (broker) => {
      const [offer] = (await createOffers(broker.url)).body.offers;
      expect(Date.parse(offer.expires) - Date.parse(offer.meta.created)).toBe(5 * 60_000);
      const before = Date.parse((await send(`${broker.url}/_control/clock`)).body.now);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = Date.parse((await send(`${broker.url}/_control/clock`)).body.now);
      expect(after - before).toBeGreaterThanOrEqual(200 * 3600 * 0.9);
      expect((await send(offer.meta.url)).body.phase).toBe('EXPIRED');
    });
  });
});

describe('docs/errors.md', () => {
  it('lists every error template and every NO reason', async () => {
    const { readFileSync } = await import('node:fs');
    const { errorCatalogue } = await import('../../mock/http/errors.ts');
    const { messageNames } = await import('../../mock/domain/messages.ts');
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const missing = [...errorCatalogue().map((entry) => entry.name), ...messageNames()].filter(
      (name) => !doc.includes(`\`${name}\``),
    );
    expect(missing).toEqual([]);
  });
});
