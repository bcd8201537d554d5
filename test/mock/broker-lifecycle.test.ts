import { describe, expect, it } from 'vitest';
import { TIME } from '../../mock/domain/iso.ts';
import { domainRequest, START, testBroker } from './domain-helpers.ts';

describe('broker lifecycle under a virtual clock', () => {
  it('offers start OFFERED, and accepting one rejects its siblings', () => {
    const { broker } = testBroker();
    const set = broker.createOfferSet(domainRequest({ cores: { min: 2, max: 4 } }));
    expect(set.result).toBe('YES');
    expect(set.offers.length).toBeGreaterThan(1);
    const [first, ...others] = set.offers.map((uuid) => broker.getSession(uuid)!);
    expect(others.every((offer) => broker.phaseOf(offer) === 'OFFERED')).toBe(true);
    expect(broker.update(first!.uuid, 'ACCEPTED').ok).toBe(true);
    expect(broker.phaseOf(first!)).toBe('ACCEPTED');
    expect(others.map((offer) => broker.phaseOf(offer))).toEqual(others.map(() => 'REJECTED'));
  });

  it('runs an accepted session through every phase in order by its schedule', () => {
    const { broker, clock } = testBroker();
    const set = broker.createOfferSet(
      domainRequest({ start: `${new Date(START + TIME.HOUR).toISOString()}/PT1H` }),
    );
    const session = broker.getSession(set.offers[0]!)!;
    broker.update(session.uuid, 'ACCEPTED');
    const seen: string[] = [];
    for (let minute = 0; minute < 200; minute++) {
      const phase = broker.phaseOf(session);
      if (seen.at(-1) !== phase) seen.push(phase);
      clock.advance(TIME.MINUTE);
    }
    expect(seen).toEqual([
      'ACCEPTED',
      'WAITING',
      'PREPARING',
      'AVAILABLE',
      'RUNNING',
      'RELEASING',
      'COMPLETED',
    ]);
  });

  it('expires unanswered offers at their expiry instant and frees their capacity for the next request', () => {
    const { broker, clock, platform } = testBroker({
      totals: { cores: 4 },
      perSession: { cores: 4 },
    });
    const full = broker.createOfferSet(domainRequest({ cores: { min: 4 } }));
    expect(full.result).toBe('YES');
    const now = new Date(START).toISOString();
    expect(
      broker.createOfferSet(domainRequest({ cores: { min: 4 }, start: `${now}/PT1M` })).result,
    ).toBe('NO');
    const offer = broker.getSession(full.offers[0]!)!;
    clock.advance(platform.offerLifetime - 1);
    expect(broker.phaseOf(offer)).toBe('OFFERED');
    clock.advance(1);
    expect(broker.getSession(offer.uuid)!.decision).toBe('EXPIRED');
    expect(broker.createOfferSet(domainRequest({ cores: { min: 4 } })).result).toBe('YES');
    expect(broker.update(offer.uuid, 'ACCEPTED')).toMatchObject({
      ok: false,
      error: 'conflict',
      from: 'EXPIRED',
    });
  });

  it('cancels from accepted up to running, never afterwards, and terminal phases stay put', () => {
    // Retention longer than the day this test waits, so the session is still there to read.
    const { broker, clock } = testBroker({ retention: 'P7D' });
    const set = broker.createOfferSet(domainRequest({ duration: 'PT10M' }));
    const uuid = set.offers[0]!;
    expect(broker.update(uuid, 'CANCELLED')).toMatchObject({ ok: false, from: 'OFFERED' });
    broker.update(uuid, 'ACCEPTED');
    clock.advance(5 * TIME.MINUTE);
    expect(broker.optionsOf(broker.getSession(uuid)!)).toEqual(['CANCELLED']);
    expect(broker.update(uuid, 'CANCELLED').ok).toBe(true);
    expect(broker.optionsOf(broker.getSession(uuid)!)).toEqual([]);
    for (const target of ['ACCEPTED', 'REJECTED', 'CANCELLED'] as const) {
      expect(broker.update(uuid, target)).toMatchObject({
        ok: false,
        error: 'conflict',
        from: 'CANCELLED',
      });
    }
    clock.advance(TIME.DAY);
    expect(broker.phaseOf(broker.getSession(uuid)!)).toBe('CANCELLED');
  });

  it('answers unknown uuids with not-found', () => {
    const { broker } = testBroker();
    expect(broker.update('nope', 'ACCEPTED')).toEqual({
      ok: false,
      error: 'not-found',
      uuid: 'nope',
    });
    expect(broker.getSession('nope')).toBeUndefined();
    expect(broker.getOfferSet('nope')).toBeUndefined();
  });

  it('direct execution creates one session that is already accepted', () => {
    const { broker } = testBroker();
    const outcome = broker.direct(domainRequest({ cores: { min: 2, max: 8 } }));
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(broker.phaseOf(outcome.session)).toBe('ACCEPTED');
    const refused = broker.direct(domainRequest({ cores: { min: 1000 } }));
    expect(refused.ok).toBe(false);
  });
});
