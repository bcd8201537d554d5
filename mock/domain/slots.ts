// Where needs fit: the offers' allocations (the requested minimum and, where the request allows
// more, its maximum) and the search of the capacity calendar for the earliest distinct slots,
// each booked as it is found, so sibling offers never share capacity they could not both have.
import type { Booking, CapacityCalendar } from './calendar.ts';
import type { Needs } from './needs.ts';
import type { FaultSet } from './faults.ts';
import { TIME, type Interval } from './iso.ts';
import { domainMessage, type DomainMessage } from './messages.ts';
import type { PlatformConfig, Resources } from './platform.ts';

export interface Allocation {
  cores: number;
  memory: number;
  storage: number[];
}

export interface SlotPlan {
  allocation: Allocation;
  availableStart: number;
  duration: number;
  preparation: number;
  release: number;
  /** Calendar booking holding this slot; absent when a fault skips booking. */
  booking: Booking | undefined;
}

/** The smaller and (where the request allows it) larger allocation worth offering. */
export function allocations(
  needs: Needs,
  platform: PlatformConfig,
  faults: FaultSet,
): Allocation[] {
  const { perSession } = platform;
  const uncapped = faults.has('beyond-platform');
  const small: Allocation = {
    cores: needs.cores.min,
    memory: needs.memory.min,
    storage: needs.storage.map((range) => range.min),
  };
  const large: Allocation = {
    cores: Math.max(
      small.cores,
      uncapped ? needs.cores.max : Math.min(needs.cores.max, perSession.cores),
    ),
    memory: Math.max(
      small.memory,
      uncapped ? needs.memory.max : Math.min(needs.memory.max, perSession.memory),
    ),
    storage: needs.storage.map((range) => range.max),
  };
  const largeStorage = large.storage.reduce((sum, size) => sum + size, 0);
  if (largeStorage > perSession.storage && !faults.has('beyond-platform'))
    large.storage = small.storage;
  const candidates = [small];
  const differs =
    large.cores !== small.cores ||
    large.memory !== small.memory ||
    large.storage.some((size, i) => size !== small.storage[i]);
  if (differs) candidates.push(large);
  return candidates.map((allocation) => distort(allocation, faults));
}

/** The allocation faults: each misreports exactly one resource. */
const ALLOCATION_FAULTS = [
  'ignore-max',
  'below-min',
  'memory-ignore-max',
  'memory-echoes-cores',
  'storage-below-min',
] as const;

function distort(allocation: Allocation, faults: FaultSet): Allocation {
  if (faults.size === 0 || !ALLOCATION_FAULTS.some((name) => faults.has(name))) return allocation;
  const result = { ...allocation, storage: [...allocation.storage] };
  if (faults.has('ignore-max')) result.cores = allocation.cores * 2;
  if (faults.has('below-min')) result.cores = Math.max(0, allocation.cores - 1);
  if (faults.has('memory-ignore-max')) result.memory = allocation.memory * 2;
  if (faults.has('memory-echoes-cores')) result.memory = result.cores;
  if (faults.has('storage-below-min')) result.storage = allocation.storage.map((size) => size / 2);
  return result;
}

export function demand(allocation: Allocation): Resources {
  return {
    cores: allocation.cores,
    memory: allocation.memory,
    storage: allocation.storage.reduce((sum, size) => sum + size, 0),
  };
}

export interface SlotSearch {
  calendar: CapacityCalendar;
  platform: PlatformConfig;
  now: number;
  faults: FaultSet;
}

function withinPlatform(need: Resources, totals: Resources): boolean {
  return (
    need.cores <= totals.cores && need.memory <= totals.memory && need.storage <= totals.storage
  );
}

/** Rounds `ms` up to a whole number of `block`s (no rounding when `block` is 0). */
export function roundUp(ms: number, block: number): number {
  return block > 0 ? Math.ceil(ms / block) * block : ms;
}

/** The preparation and occupation around an available start, and the booking block. */
interface Times {
  preparation: number;
  occupied: number;
  block: number;
}

/** The first start at or after `start` whose preparation begins on a block boundary. */
function aligned(start: number, times: Times): number {
  return roundUp(start - times.preparation, times.block) + times.preparation;
}

/** The earliest start at or after `from` inside one of the windows where `need` fits, or undefined. */
function earliestStart(
  windows: Interval[],
  from: number,
  times: Times,
  need: Resources,
  search: SlotSearch,
  check: boolean,
): number | undefined {
  const { calendar, now } = search;
  const length = calendar.bucketsFor(times.preparation + times.occupied) + 1;
  for (const window of windows) {
    let lo = aligned(Math.max(window.start, now + times.preparation, from), times);
    while (lo <= window.end) {
      if (!check) return lo;
      const first = calendar.bucketAt(lo - times.preparation);
      const last = calendar.bucketAt(window.end - times.preparation);
      const bucket = calendar.earliestFit(first, last, length, need);
      if (bucket === undefined) break;
      const found = Math.max(calendar.instantOf(bucket) + times.preparation, lo);
      const start = aligned(found, times);
      if (start === found) return start;
      // Off a block boundary: the next boundary may still fit, else search on past it.
      const at = calendar.bucketAt(start - times.preparation);
      if (start <= window.end && calendar.fits(at, at + length, need)) return start;
      lo = aligned(start + calendar.granularity, times);
    }
  }
  return undefined;
}

/** Books a slot in the calendar (over its preparation, duration and release), or skips it. */
export function bookSlot(
  calendar: CapacityCalendar,
  plan: Pick<SlotPlan, 'availableStart' | 'duration' | 'preparation' | 'release'>,
  need: Resources,
  skip: boolean,
): Booking | undefined {
  if (skip) return undefined;
  return calendar.book(
    calendar.bucketAt(plan.availableStart - plan.preparation),
    calendar.bucketFrom(plan.availableStart + plan.duration + plan.release),
    need,
  );
}

/** Faults that skip the calendar: overbooking, or offering what the platform cannot hold. */
export function skipsCalendar(need: Resources, search: SlotSearch): boolean {
  const { faults, calendar } = search;
  return (
    faults.has('overbook') ||
    (faults.has('beyond-platform') && !withinPlatform(need, calendar.totals))
  );
}

/**
 * Finds up to `maxOffers` distinct slots, alternating the smaller and larger allocation and
 * moving later in time, and books each. An empty result means no capacity in the window.
 */
export function findSlots(needs: Needs, search: SlotSearch, maxOffers: number): SlotPlan[] {
  const { platform, faults } = search;
  const preparation = platform.preparation[needs.executableKind];
  const release = platform.release[needs.executableKind];
  const block = platform.booking.block;
  const duration = roundUp(
    faults.has('short-duration') ? needs.duration / 2 : needs.duration,
    block,
  );
  const windows = faults.has('offer-outside-window')
    ? needs.windows.map((window) => ({
        start: window.end + TIME.HOUR,
        end: window.end + TIME.HOUR,
      }))
    : needs.windows;
  const step = Math.max(platform.slotGranularity, block, duration);
  const candidates = allocations(needs, platform, faults);
  const demands = candidates.map(demand);
  const times = { preparation, occupied: duration + release, block };
  const nextFrom = candidates.map(() => Number.NEGATIVE_INFINITY);
  const exhausted = candidates.map(() => false);
  const plans: SlotPlan[] = [];

  while (plans.length < maxOffers && exhausted.some((done) => !done)) {
    for (let i = 0; i < candidates.length && plans.length < maxOffers; i++) {
      if (exhausted[i]) continue;
      const allocation = candidates[i]!;
      const need = demands[i]!;
      const skip = skipsCalendar(need, search);
      const start = earliestStart(windows, nextFrom[i]!, times, need, search, !skip);
      if (start === undefined) {
        exhausted[i] = true;
        continue;
      }
      const plan: SlotPlan = {
        allocation,
        availableStart: start,
        duration,
        preparation,
        release,
        booking: undefined,
      };
      plan.booking = bookSlot(search.calendar, plan, need, skip);
      plans.push(plan);
      nextFrom[i] = start + step;
    }
  }
  return plans.sort((a, b) => a.availableStart - b.availableStart);
}

export function noCapacityMessage(needs: Needs, now: number): DomainMessage {
  return domainMessage(
    'no-capacity',
    {
      cores: needs.cores.min,
      memory: needs.memory.min,
      storage: needs.storage.reduce((sum, range) => sum + range.min, 0),
    },
    now,
  );
}
