// The quirks the `calycopis` preset adds to its faults, each on its own and without the
// recorded traffic: back-to-back blocks twice the duration asked, PREPARING right after
// acceptance, a 303 that carries the body, volumes named by a string.
import { describe, expect, it } from 'vitest';
import { parseFaults } from '../../mock/faults.ts';
import { TIME } from '../../mock/domain/iso.ts';
import { domainRequest, START, testBroker } from './domain-helpers.ts';
import { dockerRequest, KIND, send, withBroker } from './http-helpers.ts';

describe('calycopis-blocks', () => {
  it('offers back-to-back blocks of twice the duration, the first a minute after the next whole minute', () => {
    const { broker, clock } = testBroker({}, new Set(['calycopis-blocks']));
    clock.advance(49 * TIME.SECOND);
    const set = broker.createOfferSet(
      domainRequest({ cores: { min: 2, max: 8 }, duration: 'PT1H' }),
    );
    const sessions = set.offers.map((uuid) => broker.getSession(uuid)!);
    expect(sessions.map((s) => s.schedule.preparingStart - START)).toEqual(
      [0, 1, 2, 3].map((i) => TIME.MINUTE + i * 2 * TIME.HOUR),
    );
    for (const session of sessions) {
      expect(session.schedule).toMatchObject({
        preparation: TIME.MINUTE,
        duration: 2 * TIME.HOUR,
        release: 10 * TIME.SECOND,
      });
      expect(session.allocation).toMatchObject({ cores: 2, memory: 1 }); // the minimum only
    }
  });

  it('takes 2 h when no duration is asked, and says NO to more than 2 h', () => {
    const { broker } = testBroker({}, new Set(['calycopis-blocks']));
    const unasked = broker.createOfferSet(domainRequest());
    expect(broker.getSession(unasked.offers[0]!)!.schedule.duration).toBe(4 * TIME.HOUR);
    const long = broker.createOfferSet(domainRequest({ duration: 'PT2H1M' }));
    expect(long.result).toBe('NO');
    expect(long.messages.map((m) => m.name)).toEqual(['duration-too-long']);
  });

  it('skips a block the calendar cannot hold', () => {
    const { broker } = testBroker(
      { totals: { cores: 2 }, perSession: { cores: 2 } },
      new Set(['calycopis-blocks']),
    );
    const first = broker.createOfferSet(domainRequest({ cores: { min: 2 } }));
    const second = broker.createOfferSet(domainRequest({ cores: { min: 2 } }));
    const starts = (set: typeof first) =>
      set.offers.map((uuid) => broker.getSession(uuid)!.schedule.availableStart);
    // Offers hold their blocks: the second set starts after the first one's four.
    expect(Math.min(...starts(second))).toBeGreaterThan(Math.max(...starts(first)));
  });
});

describe('early-preparing', () => {
  it('reads PREPARING from just after acceptance, never WAITING, hours before the slot', () => {
    const { broker, clock } = testBroker({}, new Set(['early-preparing']));
    const set = broker.createOfferSet(
      domainRequest({ start: `${new Date(START + 3 * TIME.HOUR).toISOString()}/PT1H` }),
    );
    const session = broker.getSession(set.offers[0]!)!;
    broker.update(session.uuid, 'ACCEPTED');
    expect(broker.phaseOf(session)).toBe('ACCEPTED');
    clock.advance(10 * TIME.SECOND);
    expect(broker.phaseOf(session)).toBe('PREPARING');
    expect(session.schedule.preparingStart - clock.now()).toBeGreaterThan(2 * TIME.HOUR);
  });
});

describe('create-body', () => {
  it('sends the offer set with the 303', async () => {
    await withBroker({ faults: ['create-body'] }, async (broker) => {
      const created = await send(`${broker.url}/requests`, { body: dockerRequest() });
      expect(created.status).toBe(303);
      expect(created.body.result).toBe('YES');
      expect(created.headers.location).toBe(created.body.meta.url);
    });
  });
});

describe('string-volumes', () => {
  const request = (volumes: unknown) => ({
    ...dockerRequest({ compute: { kind: KIND.compute, volumes: ['calibration'] } }),
    ...(volumes === undefined ? {} : { volumes }),
  });
  const volumeKind =
    'https://www.purl.org/ivoa.net/EB/schema/v1.0/types/volume/simple-volume-mount-1.0';

  it('reads volumes named by a string, where the standard broker refuses them', async () => {
    await withBroker({}, async (broker) => {
      const refused = await send(`${broker.url}/requests`, { body: request(undefined) });
      expect(refused.status).toBe(400);
    });
    await withBroker({ faults: ['string-volumes'] }, async (broker) => {
      const created = await send(`${broker.url}/requests`, {
        body: request([{ kind: volumeKind }]),
      });
      expect(created.status).toBe(303);
      const offer = (await send(created.headers.location!)).body.offers[0];
      expect(offer.compute.volumes).toBeUndefined();
    });
  });

  it('refuses a top-level volume of an unknown kind with 400, as the Java broker did', async () => {
    await withBroker({ faults: ['string-volumes'] }, async (broker) => {
      const answer = await send(`${broker.url}/requests`, {
        body: request([{ kind: volumeKind.replace('v1.0/types', 'v1.0//types') }]),
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.issues[0].pointer).toBe('/volumes/0/kind');
    });
  });
});

describe('the calycopis preset', () => {
  it('is its faults plus every quirk', () => {
    const { faults } = parseFaults(['calycopis']);
    for (const name of [
      'calycopis-blocks',
      'early-preparing',
      'create-body',
      'string-volumes',
      'no-options',
      'overbook',
    ])
      expect(faults.has(name as never), name).toBe(true);
  });
});
