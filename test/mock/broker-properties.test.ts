import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Broker } from '../../mock/domain/broker.ts';
import { parseInterval, TIME } from '../../mock/domain/iso.ts';
import { phaseRank } from '../../mock/domain/phases.ts';
import { sessionEnd } from '../../mock/domain/sessions.ts';
import { domainRequest, testBroker } from './domain-helpers.ts';

const TOTALS = { cores: 16, memory: 32, storage: 64 };

const requestArb = fc.record({
  coresMin: fc.integer({ min: 1, max: 8 }),
  coresExtra: fc.integer({ min: 0, max: 8 }),
  memoryMin: fc.integer({ min: 1, max: 16 }),
  memoryExtra: fc.integer({ min: 0, max: 16 }),
  storage: fc.array(fc.integer({ min: 1, max: 16 }), { maxLength: 2 }),
  durationMinutes: fc.integer({ min: 1, max: 180 }),
  offsetMinutes: fc.integer({ min: 0, max: 240 }),
  widthMinutes: fc.integer({ min: 0, max: 120 }),
});

type RequestSpec = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

const commandArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ type: fc.constant('create' as const), request: requestArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('direct' as const), request: requestArb }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('update' as const),
      pick: fc.nat(),
      to: fc.constantFrom('ACCEPTED' as const, 'REJECTED' as const, 'CANCELLED' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('advance' as const),
      minutes: fc.integer({ min: 0, max: 90 }),
    }),
  },
);

function toRequest(spec: RequestSpec, now: number) {
  const start = now + spec.offsetMinutes * TIME.MINUTE;
  return domainRequest({
    cores: { min: spec.coresMin, max: spec.coresMin + spec.coresExtra },
    memory: { min: spec.memoryMin, max: spec.memoryMin + spec.memoryExtra },
    storage: spec.storage.map((min) => ({ min })),
    duration: `PT${spec.durationMinutes}M`,
    start: `${new Date(start).toISOString()}/PT${spec.widthMinutes}M`,
  });
}

/** Checks, from the sessions alone, that what is held never exceeds the platform at any instant. */
function assertWithinCapacity(broker: Broker): void {
  const held = broker
    .allSessions()
    .filter((session) => session.decision === 'OFFERED' || session.decision === 'ACCEPTED');
  const edges = held.map((session) => session.schedule.preparingStart);
  for (const instant of edges) {
    const total = { cores: 0, memory: 0, storage: 0 };
    for (const session of held) {
      if (session.schedule.preparingStart <= instant && instant < sessionEnd(session)) {
        total.cores += session.allocation.cores;
        total.memory += session.allocation.memory;
        total.storage += session.allocation.storage.reduce((sum, size) => sum + size, 0);
      }
    }
    expect(total.cores).toBeLessThanOrEqual(TOTALS.cores);
    expect(total.memory).toBeLessThanOrEqual(TOTALS.memory);
    expect(total.storage).toBeLessThanOrEqual(TOTALS.storage);
  }
}

describe('broker invariants over random command sequences', () => {
  it('never holds more than the platform has, keeps offers inside their requests, and never moves phases back', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { minLength: 1, maxLength: 30 }), (commands) => {
        const { broker, clock } = testBroker({
          // Every session stays readable for the whole sequence (retention has its own tests).
          retention: 'P365D',
          totals: TOTALS,
          perSession: { cores: 16, memory: 32, storage: 64 },
        });
        const uuids: string[] = [];
        const lastRank = new Map<string, number>();
        for (const command of commands) {
          if (command.type === 'create' || command.type === 'direct') {
            const now = clock.now();
            const request = toRequest(command.request, now);
            const offers =
              command.type === 'create'
                ? broker.createOfferSet(request).offers
                : (() => {
                    const outcome = broker.direct(request);
                    return outcome.ok ? [outcome.session.uuid] : [];
                  })();
            const window = parseInterval(request.schedule.start as string)!;
            for (const uuid of offers) {
              const offer = broker.getSession(uuid)!;
              const { allocation, schedule } = offer;
              const spec = command.request;
              expect(allocation.cores).toBeGreaterThanOrEqual(spec.coresMin);
              expect(allocation.cores).toBeLessThanOrEqual(spec.coresMin + spec.coresExtra);
              expect(allocation.memory).toBeGreaterThanOrEqual(spec.memoryMin);
              expect(allocation.memory).toBeLessThanOrEqual(spec.memoryMin + spec.memoryExtra);
              allocation.storage.forEach((size, i) =>
                expect(size).toBeGreaterThanOrEqual(spec.storage[i]!),
              );
              expect(schedule.availableStart).toBeGreaterThanOrEqual(Math.max(window.start, now));
              expect(schedule.availableStart).toBeLessThanOrEqual(window.end);
              expect(schedule.duration).toBeGreaterThanOrEqual(spec.durationMinutes * TIME.MINUTE);
              expect(offer.expires).toBeGreaterThan(offer.created);
            }
            uuids.push(...offers);
          } else if (command.type === 'update') {
            if (uuids.length === 0) continue;
            broker.update(uuids[command.pick % uuids.length]!, command.to);
          } else {
            clock.advance(command.minutes * TIME.MINUTE);
          }
          assertWithinCapacity(broker);
          for (const uuid of uuids) {
            const rank = phaseRank(broker.phaseOf(broker.getSession(uuid)!));
            expect(rank).toBeGreaterThanOrEqual(lastRank.get(uuid) ?? 0);
            lastRank.set(uuid, rank);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives distinct uuids to identical requests', () => {
    const { broker } = testBroker();
    const a = broker.createOfferSet(domainRequest());
    const b = broker.createOfferSet(domainRequest());
    expect(a.uuid).not.toBe(b.uuid);
    expect(a.offers.filter((uuid) => b.offers.includes(uuid))).toEqual([]);
  });
});
