// The bounds on what the broker holds: at most `finishedKept` finished groups (the earliest
// finished forgotten first) and `openOfferSets` undecided ones (creates past it get 503 with
// Retry-After); the expiry queue does not grow with offers decided before they expire.
import { describe, expect, it } from 'vitest';
import { TIME } from '../../mock/domain/iso.ts';
import { domainRequest, testBroker } from './domain-helpers.ts';
import { dockerRequest, send, withBroker } from './http-helpers.ts';

const BIG = { totals: { cores: 1e6, memory: 1e6, storage: 1e6 } };

describe('finished groups kept', () => {
  it('forgets the earliest finished first once more than finishedKept are held', () => {
    const { broker, clock } = testBroker({ limits: { finishedKept: 3 }, retention: 'P1D' });
    const no = () => broker.createOfferSet(domainRequest({ cores: { min: 1e9 } }));
    const sets = [no(), no(), no()];
    clock.advance(TIME.SECOND);
    expect(sets.every((set) => broker.getOfferSet(set.uuid) === set)).toBe(true);
    const fourth = no();
    expect(broker.getOfferSet(sets[0]!.uuid)).toBeUndefined();
    expect(broker.getOfferSet(sets[1]!.uuid)).toBe(sets[1]);
    expect(broker.getOfferSet(fourth.uuid)).toBe(fourth);
    for (let i = 0; i < 100; i++) no();
    expect(broker.live.offerSets).toBe(3);
  });

  it('never forgets an open offer set or a running session to make room', () => {
    const { broker } = testBroker({ ...BIG, limits: { finishedKept: 1 }, retention: 'P1D' });
    const open = broker.createOfferSet(domainRequest({ duration: 'PT1H' }));
    const accepted = broker.createOfferSet(domainRequest({ duration: 'PT1H' }));
    broker.update(accepted.offers[0]!, 'ACCEPTED'); // filed, but final only when it completes
    for (let i = 0; i < 5; i++) broker.createOfferSet(domainRequest({ cores: { min: 1e9 } }));
    expect(broker.getOfferSet(open.uuid)).toBe(open);
    expect(broker.getOfferSet(accepted.uuid)).toBe(accepted);
  });
});

describe('a group a fault reopens', () => {
  it('is kept, and counted as undecided again, when its entry falls due', () => {
    const faults = new Set(['terminal-phase-changes', 'no-progress'] as const);
    const { broker, clock } = testBroker({ ...BIG, retention: 'PT10M' }, faults);
    const set = broker.createOfferSet(domainRequest());
    for (const uuid of set.offers) broker.update(uuid, 'REJECTED');
    expect(broker.load.open).toBe(0);
    // The fault lets a rejected offer be accepted; without progress it never ends.
    broker.update(set.offers[0]!, 'ACCEPTED');
    clock.advance(11 * TIME.MINUTE);
    expect(broker.getOfferSet(set.uuid)).toBe(set);
    expect(broker.load.open).toBe(1);
  });
});

describe('open offer sets', () => {
  it('are capped: past openOfferSets the broker is busy until an offer expires', () => {
    const { broker, clock } = testBroker({ ...BIG, limits: { openOfferSets: 2 } });
    expect(broker.busyFor()).toBeUndefined();
    broker.createOfferSet(domainRequest());
    clock.advance(TIME.MINUTE);
    broker.createOfferSet(domainRequest());
    // The first set's offers expire 5 minutes after it was made: 4 minutes from now.
    expect(broker.busyFor()).toBe(4 * TIME.MINUTE);
    clock.advance(4 * TIME.MINUTE);
    expect(broker.busyFor()).toBeUndefined();
  });

  it('count a set as decided once its offers are', () => {
    const { broker } = testBroker({ ...BIG, limits: { openOfferSets: 1 } });
    const set = broker.createOfferSet(domainRequest());
    expect(broker.busyFor()).toBeGreaterThan(0);
    for (const uuid of set.offers) broker.update(uuid, 'REJECTED');
    expect(broker.busyFor()).toBeUndefined();
  });

  it('keep the expiry queue bounded when every offer is rejected at once', () => {
    const { broker } = testBroker({ ...BIG, retention: 'PT0S' });
    for (let i = 0; i < 3000; i++) {
      const set = broker.createOfferSet(domainRequest());
      for (const uuid of set.offers) broker.update(uuid, 'REJECTED');
    }
    broker.sweep(); // the last set falls due at this instant, on the next operation
    expect(broker.live.offerSets).toBe(0);
    expect(broker.load.queued).toBeLessThan(2100);
  });

  it('turn a create away with 503, Retry-After in real seconds, and create nothing', async () => {
    const config = { ...BIG, limits: { openOfferSets: 1 } };
    await withBroker({ config, timeScale: 60 }, async (broker) => {
      expect((await send(`${broker.url}/requests`, { body: dockerRequest() })).status).toBe(303);
      const busy = await send(`${broker.url}/requests`, { body: dockerRequest() });
      expect(busy.status).toBe(503);
      expect(busy.body.error.code).toBe('busy');
      // 5 minutes of broker time at 60x is about 5 real seconds.
      expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(busy.headers['retry-after'])).toBeLessThanOrEqual(5);
      expect((await send(`${broker.url}/direct`, { body: dockerRequest() })).status).toBe(503);
    });
  });
});

describe('limits in the platform config', () => {
  it('are positive integers', () => {
    for (const limits of [{ openOfferSets: 0 }, { finishedKept: 1.5 }, { openOfferSets: 'x' }])
      expect(() => testBroker({ limits })).toThrow(/limits\./);
  });
});
