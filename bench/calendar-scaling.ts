// How the cost of computing offers grows with the number of bookings already in the calendar:
// 1,000, 10,000 and 100,000 bookings spread over 30 days, then a few thousand create requests
// (each searching its window and booking up to four offers, which are then rejected so the
// calendar stays the same size). Prints microseconds per create and the ratio to 1,000.
//
//   node bin/run-ts.js bench/calendar-scaling.ts [--creates 3000]
import { parseArgs } from 'node:util';
import { Broker } from '../mock/domain/broker.ts';
import { virtualClock } from '../mock/domain/clock.ts';
import { TIME } from '../mock/domain/iso.ts';
import { platformFromRaw } from '../mock/domain/platform.ts';
import type { DomainRequest } from '../mock/domain/request.ts';

const { values } = parseArgs({ options: { creates: { type: 'string', default: '3000' } } });
const CREATES = Number(values.creates);
const SIZES = [1_000, 10_000, 100_000];
const START = Date.UTC(2030, 0, 1);
const HORIZON = 30 * TIME.DAY;

/** A small deterministic generator, so every run books the same calendar. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function request(start: number, cores: number): DomainRequest {
  return {
    name: undefined,
    executable: { kind: 'docker-container', name: undefined, fields: {} },
    compute: {
      kind: 'simple-compute-resource',
      name: undefined,
      fields: {},
      cores: { min: cores, max: cores * 2 },
      memory: { min: 2, max: 4 },
      volumes: [],
    },
    storage: [],
    data: [],
    schedule: { duration: 'PT1H', start: `${new Date(start).toISOString()}/PT4H` },
    fingerprint: '',
  };
}

function run(bookings: number): number {
  const clock = virtualClock(START);
  // Capacity grows with the bookings so the calendar is equally busy (about half full) at every size.
  const scale = bookings / 1000;
  const platform = platformFromRaw({
    totals: { cores: 400 * scale, memory: 1600 * scale, storage: 10_000 * scale },
    perSession: { cores: 64, memory: 256, storage: 1000 },
  });
  const broker = new Broker({ platform, clock });
  const next = random(42);
  const { calendar } = broker;
  for (let i = 0; i < bookings; i++) {
    const start = START + Math.floor(next() * HORIZON);
    const length = TIME.MINUTE * (30 + Math.floor(next() * 240));
    calendar.book(calendar.bucketAt(start), calendar.bucketFrom(start + length), {
      cores: 1 + Math.floor(next() * 8),
      memory: 4,
      storage: 10,
    });
  }
  const requests = Array.from({ length: CREATES }, () =>
    request(START + Math.floor(next() * (HORIZON - TIME.DAY)), 1 + Math.floor(next() * 16)),
  );
  // Warm-up: let the JIT settle before timing.
  for (const item of requests.slice(0, 200)) reject(broker, broker.createOfferSet(item).offers);
  // CPU time rather than wall time: on a shared machine it does not count time spent waiting.
  const began = process.cpuUsage();
  let offers = 0;
  for (const item of requests) {
    const set = broker.createOfferSet(item);
    offers += set.offers.length;
    reject(broker, set.offers);
  }
  const spent = process.cpuUsage(began);
  const micros = (spent.user + spent.system) / CREATES;
  if (calendar.size !== bookings)
    throw new Error(`calendar drifted: ${calendar.size} bookings, expected ${bookings}`);
  console.log(
    `${String(bookings).padStart(7)} bookings: ${micros.toFixed(1).padStart(7)} us CPU per create (${(offers / CREATES).toFixed(2)} offers each)`,
  );
  return micros;
}

function reject(broker: Broker, offers: readonly string[]): void {
  for (const uuid of offers) broker.update(uuid, 'REJECTED');
}

console.log(`offer computation cost, ${CREATES} creates per size`);
// The JIT keeps improving for a while, so a whole round over every size is run first and
// not counted; otherwise whichever size ran first would look slowest.
console.log('(warm-up round over every size, not counted)');
SIZES.forEach(run);
console.log('(measured round)');
const costs = SIZES.map(run);
SIZES.forEach((size, i) =>
  console.log(`ratio ${size} / 1000: ${(costs[i]! / costs[0]!).toFixed(2)}`),
);
