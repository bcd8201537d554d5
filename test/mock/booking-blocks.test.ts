// Booking blocks (`booking.block`, off by default): every offer's preparation starts on a block
// boundary and its duration is a whole number of blocks, as the Java broker's 60 s blocks are;
// the calendar still holds exactly what is offered.
import { describe, expect, it } from 'vitest';
import { TIME } from '../../mock/domain/iso.ts';
import { domainRequest, START, testBroker } from './domain-helpers.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

function offers(override: Record<string, unknown>, shape: Parameters<typeof domainRequest>[0]) {
  const { broker, clock } = testBroker(override);
  clock.advance(17 * TIME.SECOND); // off every whole minute
  const set = broker.createOfferSet(domainRequest(shape));
  expect(set.result).toBe('YES');
  return { broker, sessions: set.offers.map((uuid) => broker.getSession(uuid)!) };
}

describe('booking blocks', () => {
  it('are off by default: offers start as soon as they can and last what was asked', () => {
    const { sessions } = offers({}, { duration: 'PT1H30S' });
    expect(sessions[0]!.schedule.preparingStart % TIME.MINUTE).toBe(17 * TIME.SECOND);
    expect(sessions[0]!.schedule.duration).toBe(TIME.HOUR + 30 * TIME.SECOND);
  });

  it('round each offer out to whole blocks, starting on a boundary', () => {
    for (const block of ['PT1M', 'PT15M']) {
      const ms = block === 'PT1M' ? TIME.MINUTE : 15 * TIME.MINUTE;
      const { sessions } = offers(
        { booking: { block } },
        { cores: { min: 1, max: 3 }, duration: 'PT1H30S', start: `${iso(START)}/PT4H` },
      );
      expect(sessions.length).toBeGreaterThan(1);
      for (const session of sessions) {
        expect(session.schedule.preparingStart % ms, block).toBe(0);
        expect(session.schedule.preparingStart).toBeGreaterThanOrEqual(START);
        expect(session.schedule.duration, block).toBe(Math.ceil((TIME.HOUR + 30_000) / ms) * ms);
      }
    }
  });

  it('still find the earliest free boundary when the first ones are taken', () => {
    const { broker, clock } = testBroker({
      totals: { cores: 2 },
      perSession: { cores: 2 },
      booking: { block: 'PT10M' },
    });
    clock.advance(17 * TIME.SECOND);
    const window = `${iso(START)}/PT6H`;
    const first = broker.createOfferSet(domainRequest({ cores: { min: 2 }, start: window }));
    const second = broker.createOfferSet(domainRequest({ cores: { min: 2 }, start: window }));
    const starts = [...first.offers, ...second.offers].map(
      (uuid) => broker.getSession(uuid)!.schedule.preparingStart,
    );
    for (const start of starts) expect(start % (10 * TIME.MINUTE)).toBe(0);
    // No two offers share the whole platform at once: each holds all of it.
    const spans = [...first.offers, ...second.offers]
      .map((uuid) => broker.getSession(uuid)!)
      .map((s) => [s.schedule.preparingStart, s.schedule.releasingStart + s.schedule.release]);
    for (const [a, b] of spans)
      for (const [c, d] of spans) if (a !== c) expect(b! <= c! || d! <= a!).toBe(true);
  });

  it('are read from the platform config as an ISO 8601 duration', () => {
    expect(testBroker({ booking: { block: 'PT1M' } }).platform.booking.block).toBe(TIME.MINUTE);
    expect(() => testBroker({ booking: { block: 'a minute' } })).toThrow(/booking\.block/);
  });
});
