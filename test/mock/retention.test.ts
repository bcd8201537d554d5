import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIME } from '../../mock/domain/iso.ts';
import { defaultPlatform } from '../../mock/domain/platform.ts';
import { startMockBroker, type MockBroker } from '../../mock/index.ts';
import { domainRequest, START, testBroker } from './domain-helpers.ts';
import { createOffers, dockerRequest, send } from './http-helpers.ts';

const RETENTION = 10 * TIME.MINUTE;
const LIFETIME = 5 * TIME.MINUTE;

/** A broker that keeps finished things for ten minutes; offers live five. */
function retainingBroker(override: Record<string, unknown> = {}) {
  return testBroker({ retention: 'PT10M', offerLifetime: 'PT5M', ...override });
}

describe('retention of finished offers, sessions and offer sets', () => {
  it('keeps finished things for an hour of broker time by default', () => {
    expect(defaultPlatform().retention).toBe(TIME.HOUR);
  });

  it('forgets an expired offer set exactly the retention after its offers expired', () => {
    const { broker, clock } = retainingBroker();
    const set = broker.createOfferSet(domainRequest({ cores: { min: 2, max: 4 } }));
    expect(set.offers.length).toBeGreaterThan(1);
    clock.advance(LIFETIME + RETENTION - 1);
    expect(broker.getOfferSet(set.uuid)).toBe(set);
    expect(broker.phaseOf(broker.getSession(set.offers[0]!)!)).toBe('EXPIRED');
    clock.advance(1);
    expect(broker.getOfferSet(set.uuid)).toBeUndefined();
    for (const uuid of set.offers) {
      expect(broker.getSession(uuid)).toBeUndefined();
      expect(broker.update(uuid, 'ACCEPTED')).toEqual({ ok: false, error: 'not-found', uuid });
    }
  });

  it('forgets a NO offer set the retention after it was made', () => {
    const { broker, clock } = retainingBroker();
    const no = broker.createOfferSet(domainRequest({ cores: { min: 100_000 } }));
    expect(no.result).toBe('NO');
    clock.advance(RETENTION - 1);
    expect(broker.getOfferSet(no.uuid)).toBe(no);
    clock.advance(1);
    expect(broker.getOfferSet(no.uuid)).toBeUndefined();
  });

  it('keeps an offer set while one of its offers is still live, then forgets it all at once', () => {
    const { broker, clock } = retainingBroker();
    const set = broker.createOfferSet(
      domainRequest({ cores: { min: 2, max: 4 }, duration: 'PT1H' }),
    );
    const [accepted, ...siblings] = set.offers;
    broker.update(accepted!, 'ACCEPTED');
    const session = broker.getSession(accepted!)!;
    const end = session.schedule.releasingStart + session.schedule.release;
    const booked = broker.live.bookings;
    expect(booked).toBeGreaterThan(0);
    // The rejected siblings are long past their retention, but the set is still in use.
    clock.advance(end - START + RETENTION - 1);
    expect(broker.phaseOf(session)).toBe('COMPLETED');
    expect(broker.getOfferSet(set.uuid)).toBe(set);
    for (const uuid of siblings) expect(broker.getSession(uuid)?.decision).toBe('REJECTED');
    clock.advance(1);
    expect(broker.getSession(accepted!)).toBeUndefined();
    expect(broker.getOfferSet(set.uuid)).toBeUndefined();
    for (const uuid of siblings) expect(broker.getSession(uuid)).toBeUndefined();
    // The finished session's booking goes with it.
    expect(broker.live.bookings).toBe(booked - 1);
  });

  it('forgets a direct session the retention after it completed, and never an open one', () => {
    const { broker, clock } = retainingBroker();
    const direct = broker.direct(domainRequest({ duration: 'PT30M' }));
    if (!direct.ok) throw new Error('the direct request should have been met');
    const open = broker.createOfferSet(domainRequest({ duration: 'PT30M' }));
    const end = direct.session.schedule.releasingStart + direct.session.schedule.release;
    clock.advance(end - START + RETENTION - 1);
    expect(broker.getSession(direct.session.uuid)).toBe(direct.session);
    clock.advance(1);
    expect(broker.getSession(direct.session.uuid)).toBeUndefined();
    // Under a fault that stops offers expiring, an OFFERED offer is never final: it stays.
    expect(open.result).toBe('YES');
    const stuck = testBroker({ retention: 'PT10M' }, new Set(['no-expiry']));
    const kept = stuck.broker.createOfferSet(domainRequest({ duration: 'PT30M' }));
    stuck.clock.advance(TIME.DAY);
    expect(stuck.broker.getOfferSet(kept.uuid)).toBe(kept);
    expect(stuck.broker.getSession(kept.offers[0]!)?.decision).toBe('OFFERED');
  });

  it('with no retention, forgets an offer set the instant its last offer expires', () => {
    const { broker, clock } = retainingBroker({ retention: 'PT0S' });
    const set = broker.createOfferSet(domainRequest({ cores: { min: 2, max: 4 } }));
    clock.advance(LIFETIME - 1);
    expect(broker.live.offerSets).toBe(1);
    clock.advance(1);
    broker.sweep();
    expect(broker.live).toEqual({ offerSets: 0, sessions: 0, bookings: 0 });
    expect(broker.getOfferSet(set.uuid)).toBeUndefined();
  });

  it('forgets each of several direct offers that lapse together (a fault leaves them OFFERED)', () => {
    const { broker, clock } = testBroker(
      { retention: 'PT0S', offerLifetime: 'PT5M' },
      new Set(['direct-offered']),
    );
    const uuids = [1, 2, 3].map(() => {
      const direct = broker.direct(domainRequest({ duration: 'PT30M' }));
      if (!direct.ok) throw new Error('the direct request should have been met');
      return direct.session.uuid;
    });
    clock.advance(LIFETIME);
    broker.sweep();
    expect(broker.live.sessions).toBe(0);
    for (const uuid of uuids) expect(broker.getSession(uuid)).toBeUndefined();
  });

  it('forgets a cancelled session the retention after the cancel, not after its planned end', () => {
    const { broker, clock } = retainingBroker();
    const set = broker.createOfferSet(domainRequest({ duration: 'PT2H' }));
    const uuid = set.offers[0]!;
    broker.update(uuid, 'ACCEPTED');
    clock.advance(TIME.MINUTE);
    expect(broker.update(uuid, 'CANCELLED').ok).toBe(true);
    clock.advance(RETENTION - 1);
    expect(broker.getSession(uuid)?.decision).toBe('CANCELLED');
    clock.advance(1);
    expect(broker.getSession(uuid)).toBeUndefined();
    expect(broker.getOfferSet(set.uuid)).toBeUndefined();
  });

  it('keeps the live object count bounded under a long, steady load', () => {
    const { broker, clock } = retainingBroker();
    const PER_STEP = 20;
    const STEP = 2 * TIME.MINUTE;
    let created = 0;
    let peak = { offerSets: 0, sessions: 0, bookings: 0 };
    for (let step = 0; step < 300; step++) {
      for (let i = 0; i < PER_STEP; i++) {
        const set = broker.createOfferSet(
          domainRequest({ cores: { min: 1, max: 2 }, duration: 'PT10M' }),
        );
        created++;
        // Some are rejected, some accepted (and run to completion), the rest left to expire.
        if (i % 5 === 0 && set.offers[0] !== undefined) broker.update(set.offers[0], 'REJECTED');
        if (i % 7 === 0 && set.offers[0] !== undefined) broker.update(set.offers[0], 'ACCEPTED');
      }
      clock.advance(STEP);
      broker.sweep();
      const live = broker.live;
      peak = {
        offerSets: Math.max(peak.offerSets, live.offerSets),
        sessions: Math.max(peak.sessions, live.sessions),
        bookings: Math.max(peak.bookings, live.bookings),
      };
    }
    // Offers live 5 min, accepted sessions finish within about 15 min, then 10 min of
    // retention: about 13 steps' worth at most.
    const bound = 13 * PER_STEP;
    expect(created).toBe(6000);
    expect(peak.offerSets).toBeLessThanOrEqual(bound);
    expect(peak.sessions).toBeLessThanOrEqual(bound * broker.platform.maxOffers);
    expect(peak.bookings).toBeLessThanOrEqual(bound * broker.platform.maxOffers);
    expect(broker.live.offerSets).toBeGreaterThan(0);
  });
});

describe('retention over HTTP', () => {
  let broker: MockBroker;
  beforeAll(async () => {
    broker = await startMockBroker({
      port: 0,
      clock: 'virtual',
      control: true,
      config: { retention: 'PT10M', offerLifetime: 'PT5M' },
    });
  });
  afterAll(() => broker.close());

  it('declares its retention on /_control/platform', async () => {
    const platform = await send(`${broker.url}/_control/platform`);
    expect(platform.body.retention).toBe('PT10M');
  });

  it('answers a forgotten uuid with the same 404 as an unknown one', async () => {
    const created = await createOffers(broker.url, dockerRequest());
    const setUrl: string = created.body.meta.url;
    const offerUrl: string = created.body.offers[0].meta.url;
    await send(`${broker.url}/_control/advance`, { body: { seconds: 15 * 60 - 1 } });
    expect((await send(setUrl)).body.offers[0].phase).toBe('EXPIRED');
    await send(`${broker.url}/_control/advance`, { body: { seconds: 1 } });
    const gone = await send(setUrl);
    const unknown = await send(`${broker.url}/offersets/00000000-0000-4000-8000-000000000000`);
    expect(gone.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(gone.body.error.code).toBe('unknown-offerset');
    expect(gone.body.error.code).toBe(unknown.body.error.code);
    const offer = await send(offerUrl);
    expect(offer.status).toBe(404);
    expect(offer.body.error.code).toBe('unknown-session');
  });
});
