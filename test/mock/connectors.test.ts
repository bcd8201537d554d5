// A Docker session's log connectors: PREPARING without a location until the session is
// AVAILABLE, then AVAILABLE with an absolute location that answers text/plain, then FINISHED;
// the logs are the same on every read; other sessions and unknown ones are refused by name.
import { describe, expect, it } from 'vitest';
import { dockerRequest, KIND, send, withBroker, type Answer } from './http-helpers.ts';

const OPTIONS = { clock: 'virtual' as const, control: true };
const update = (value: string) => ({ kind: 'uri:enum-value-update', path: 'phase', value });
const STDOUT =
  'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container-stdout-get.yaml';
const STDERR =
  'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container-stderr-get.yaml';

async function firstOffer(base: string, request: unknown = dockerRequest()) {
  const created = await send(`${base}/requests`, { body: request });
  return (await send(created.headers.location!)).body.offers[0];
}

async function advance(base: string, seconds: number): Promise<void> {
  await send(`${base}/_control/advance`, { body: { seconds } });
}

function statuses(session: Answer): string[] {
  return session.body.connectors.map((connector: { status: string }) => connector.status);
}

describe('log connectors of a Docker session', () => {
  it('move PREPARING -> AVAILABLE -> FINISHED with the session, a location only once it runs', async () => {
    await withBroker(OPTIONS, async (broker) => {
      const offer = await firstOffer(broker.url);
      expect(offer.connectors).toEqual([
        { kind: STDOUT, status: 'PREPARING', protocol: 'HTTP' },
        { kind: STDERR, status: 'PREPARING', protocol: 'HTTP' },
      ]);
      await send(offer.meta.url, { body: update('ACCEPTED') });
      const seen: string[] = [];
      const phases: string[] = [];
      for (let step = 0; step < 80; step++) {
        const session = await send(offer.meta.url);
        const [stdout, stderr] = session.body.connectors;
        if (seen.at(-1) !== stdout.status) seen.push(stdout.status);
        if (phases.at(-1) !== session.body.phase) phases.push(session.body.phase);
        expect(stderr.status).toBe(stdout.status);
        if (stdout.status === 'PREPARING') expect(stdout.location).toBeUndefined();
        else {
          expect(stdout.location).toBe(`${offer.meta.url}/docker/stdout-get`);
          expect(stderr.location).toBe(`${offer.meta.url}/docker/stderr-get`);
        }
        if (session.body.phase === 'AVAILABLE' || session.body.phase === 'RUNNING')
          expect(stdout.status).toBe('AVAILABLE');
        await advance(broker.url, 60);
      }
      expect(seen).toEqual(['PREPARING', 'AVAILABLE', 'FINISHED']);
      expect(phases.at(-1)).toBe('COMPLETED');
    });
  });

  it('serve the same plain-text log on every read once AVAILABLE, and a 409 before', async () => {
    await withBroker(OPTIONS, async (broker) => {
      const offer = await firstOffer(broker.url);
      const stdout = `${offer.meta.url}/docker/stdout-get`;
      const early = await send(stdout);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('connector-not-ready');
      await send(offer.meta.url, { body: update('ACCEPTED') });
      const available = Date.parse(offer.schedule.available.start.split('/')[0]);
      const now = Date.parse((await send(`${broker.url}/_control/clock`)).body.now);
      await advance(broker.url, (available - now) / 1000 + 35);
      const first = await send(stdout, { headers: { accept: 'application/json' } });
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(first.text.trim().split('\n')).toHaveLength(4); // one line every 10 s
      expect(first.text).toContain(offer.meta.uuid);
      expect((await send(stdout)).text).toBe(first.text);
      const stderr = await send(`${offer.meta.url}/docker/stderr-get`);
      expect(stderr.text.trim().split('\n')).toHaveLength(1); // one line a minute
      await advance(broker.url, 5000); // past its end, within the retention
      const done = await send(stdout);
      expect(done.text.trim().split('\n').length).toBeLessThanOrEqual(201);
      expect(done.text.trim().split('\n').at(-1)).toMatch(/stdout closed$/);
    });
  });

  it('answer an unknown session 404, a non-Docker session and an unknown stream by name', async () => {
    await withBroker(OPTIONS, async (broker) => {
      const unknown = await send(
        `${broker.url}/sessions/00000000-0000-4000-8000-000000000000/docker/stdout-get`,
      );
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'unknown-session']);
      const notebook = await firstOffer(broker.url, {
        executable: {
          kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/jupyter-notebook.yaml',
          location: 'https://example.org/a.ipynb',
        },
      });
      expect(notebook.connectors).toBeUndefined();
      const none = await send(`${notebook.meta.url}/docker/stdout-get`);
      expect([none.status, none.body.error.code]).toEqual([404, 'no-connector']);
      const offer = await firstOffer(broker.url);
      const other = await send(`${offer.meta.url}/docker/stdin-get`);
      expect([other.status, other.body.error.code]).toEqual([404, 'no-such-route']);
    });
  });

  it('end FINISHED without a location for an offer that never ran', async () => {
    await withBroker(OPTIONS, async (broker) => {
      const offer = await firstOffer(broker.url);
      const rejected = await send(offer.meta.url, { body: update('REJECTED') });
      expect(statuses(rejected)).toEqual(['FINISHED', 'FINISHED']);
      expect(rejected.body.connectors[0].location).toBeUndefined();
      expect((await send(`${offer.meta.url}/docker/stdout-get`)).status).toBe(409);
    });
  });

  it('are written with the newest kinds under the v1.0.5 profile too, and under w3id.org when asked', async () => {
    await withBroker({ profile: 'v1.0.5' }, async (broker) => {
      const created = await send(`${broker.url}/offersets`, {
        body: { executable: { kind: KIND.dockerV105 } },
      });
      const offer = (await send(created.headers.location!)).body.offers[0];
      expect(offer.connectors[0].kind).toBe(STDOUT);
    });
    await withBroker({ kindHost: 'w3id.org' }, async (broker) => {
      const offer = await firstOffer(broker.url);
      expect(offer.connectors[1].kind).toBe(STDERR.replace('www.purl.org', 'w3id.org'));
      expect(offer.kind).toBe(KIND.session.replace('www.purl.org', 'w3id.org'));
    });
  });
});
