// From a request to offers: first `assess` turns the request into concrete needs (applying the
// standard's defaults) or into the reasons for a NO; then `findSlots` searches the capacity
// calendar for the earliest distinct slots and books each one as it is found, so sibling
// offers never share capacity they could not both have.
import type { Booking, CapacityCalendar } from './calendar.ts';
import type { FaultSet } from './faults.ts';
import {
  formatDuration,
  formatInstant,
  parseDuration,
  parseInterval,
  TIME,
  type Interval,
} from './iso.ts';
import { domainMessage, type DomainMessage, type MessageName } from './messages.ts';
import type { ExecutableKindName, PlatformConfig, Resources } from './platform.ts';
import {
  DATA_KINDS,
  EXECUTABLE_KINDS,
  UNKNOWN_KIND_PREFIX,
  type DomainRequest,
  type MinMax,
  type RequestedComponent,
} from './request.ts';

export interface Range {
  min: number;
  max: number;
}

export interface Needs {
  executableKind: ExecutableKindName;
  cores: Range;
  memory: Range;
  storage: Range[];
  duration: number;
  windows: Interval[];
}

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

export type Assessment = { ok: true; needs: Needs } | { ok: false; messages: DomainMessage[] };

function describeKind(kind: string): string {
  return kind.startsWith(UNKNOWN_KIND_PREFIX) ? kind.slice(UNKNOWN_KIND_PREFIX.length) : kind;
}

/** Everything `assess` needs besides the request. */
export interface AssessContext {
  platform: PlatformConfig;
  now: number;
  faults: FaultSet;
}

class Problems {
  readonly messages: DomainMessage[] = [];
  constructor(private readonly now: number) {}
  add(name: MessageName, values: Record<string, string | number>): void {
    this.messages.push(domainMessage(name, values, this.now));
  }
}

function checkKind(
  component: RequestedComponent,
  part: string,
  known: readonly string[],
  problems: Problems,
  faults: FaultSet,
): void {
  if (component.kind === undefined) problems.add('missing-kind', { part });
  else if (!known.includes(component.kind) && !faults.has('unknown-kind-yes')) {
    problems.add('unknown-kind', { part, kind: describeKind(component.kind) });
  }
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/**
 * Reads a {min, max} pair with the standard's defaults: a missing minimum is `fallback`, a
 * missing maximum equals the minimum.
 */
function readRange(
  raw: MinMax | undefined,
  resource: string,
  fallback: number,
  problems: Problems,
  faults: FaultSet,
): Range | undefined {
  const min = raw?.min ?? fallback;
  const max = raw?.max ?? min;
  let sound = true;
  // A maximum taken from the minimum is not reported twice.
  const bounds =
    raw?.max === undefined
      ? ([['minimum', min]] as const)
      : ([
          ['minimum', min],
          ['maximum', max],
        ] as const);
  for (const [bound, value] of bounds) {
    // A zero passes only as the default the `wrong-defaults` fault substitutes.
    if (!isPositiveInteger(value) && !(value === 0 && fallback === 0)) {
      problems.add('bad-amount', { resource, bound, value: JSON.stringify(value) ?? 'nothing' });
      sound = false;
    }
  }
  if (!sound) return undefined;
  const range = { min: min as number, max: max as number };
  if (raw?.min === undefined && raw?.max !== undefined && range.max < range.min)
    range.min = range.max;
  if (range.min > range.max) {
    if (faults.has('invalid-yes')) return { min: range.min, max: range.min };
    problems.add('min-above-max', { resource, min: range.min, max: range.max });
    return undefined;
  }
  return range;
}

function checkLimits(
  resource: string,
  requested: number,
  sessionLimit: number,
  total: number,
  problems: Problems,
  faults: FaultSet,
): void {
  if (faults.has('beyond-platform')) return;
  if (requested > total) problems.add('above-platform', { resource, requested, limit: total });
  else if (requested > sessionLimit)
    problems.add('above-session-limit', { resource, requested, limit: sessionLimit });
}

function registryOf(location: string): string {
  const first = location.split('/')[0] ?? '';
  const looksLikeHost =
    location.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return looksLikeHost ? first : 'docker.io';
}

function checkPolicy(
  executable: RequestedComponent,
  platform: PlatformConfig,
  problems: Problems,
): void {
  if (executable.kind !== 'docker-container') return;
  const { allowedRegistries, privilegedAllowed } = platform.policy;
  if (executable.fields.privileged === true && !privilegedAllowed)
    problems.add('privileged-not-allowed', {});
  if (allowedRegistries.includes('*')) return;
  const image = executable.fields.image;
  const locations =
    typeof image === 'object' &&
    image !== null &&
    Array.isArray((image as { locations?: unknown }).locations)
      ? ((image as { locations: unknown[] }).locations.filter(
          (item) => typeof item === 'string',
        ) as string[])
      : [];
  for (const location of locations) {
    if (!allowedRegistries.includes(registryOf(location))) {
      problems.add('registry-not-allowed', { location, allowed: allowedRegistries.join(', ') });
    }
  }
}

function readWindows(start: unknown, context: AssessContext, problems: Problems): Interval[] {
  const { now, platform } = context;
  if (start === undefined || start === null)
    return [{ start: now, end: now + platform.defaultStartWindow }];
  const texts = Array.isArray(start) ? start : [start];
  const windows: Interval[] = [];
  const past: string[] = [];
  for (const text of texts) {
    const window = typeof text === 'string' ? parseInterval(text) : undefined;
    if (window === undefined || window.end < window.start) {
      problems.add('bad-start', { start: JSON.stringify(text) ?? 'nothing' });
    } else if (window.end < now) {
      past.push(text as string);
    } else {
      windows.push(window);
    }
  }
  if (windows.length === 0 && texts.length > 0 && past.length === texts.length) {
    for (const text of past)
      problems.add('start-in-past', { start: text, now: formatInstant(now) });
  }
  return windows.sort((a, b) => a.start - b.start);
}

function readDuration(
  duration: unknown,
  context: AssessContext,
  problems: Problems,
): number | undefined {
  const { platform, faults } = context;
  if (duration === undefined || duration === null) return platform.defaultDuration;
  const ms = typeof duration === 'string' ? parseDuration(duration) : undefined;
  if (ms === undefined || ms <= 0) {
    problems.add('bad-duration', { duration: JSON.stringify(duration) ?? 'nothing' });
    return undefined;
  }
  if (ms > platform.perSession.duration && !faults.has('beyond-platform')) {
    problems.add('duration-too-long', {
      duration: duration as string,
      limit: formatDuration(platform.perSession.duration),
    });
    return undefined;
  }
  return ms;
}

function checkVolumes(request: DomainRequest, problems: Problems, faults: FaultSet): void {
  const volumes = request.compute?.volumes;
  if (volumes === undefined || volumes.length === 0) return; // nothing to resolve
  const names = new Set<string>();
  for (const item of [...request.storage, ...request.data]) {
    if (item.name !== undefined) names.add(item.name);
    const uuid = (item.fields.meta as { uuid?: unknown } | undefined)?.uuid;
    if (typeof uuid === 'string') names.add(uuid);
  }
  for (const volume of volumes) {
    checkKind(volume, 'volume', ['simple-volume-mount'], problems, faults);
    const resource = volume.fields.resource;
    if (typeof resource !== 'string' || !names.has(resource)) {
      problems.add('volume-target-missing', {
        path: typeof volume.fields.path === 'string' ? volume.fields.path : '(no path)',
        resource: typeof resource === 'string' ? resource : '(nothing)',
      });
    }
  }
}

/** Turns a request into needs, or into the messages of a NO answer. */
export function assess(request: DomainRequest, context: AssessContext): Assessment {
  const { platform, faults } = context;
  const problems = new Problems(context.now);

  let executableKind: ExecutableKindName = 'docker-container';
  if (request.executable === undefined) problems.add('missing-executable', {});
  else {
    checkKind(request.executable, 'executable', EXECUTABLE_KINDS, problems, faults);
    if ((EXECUTABLE_KINDS as readonly string[]).includes(request.executable.kind ?? '')) {
      executableKind = request.executable.kind as ExecutableKindName;
    }
    checkPolicy(request.executable, platform, problems);
  }
  if (request.compute !== undefined) {
    checkKind(request.compute, 'compute resource', ['simple-compute-resource'], problems, faults);
  }
  for (const storage of request.storage) {
    checkKind(storage, 'storage resource', ['simple-storage-resource'], problems, faults);
  }
  for (const data of request.data) checkKind(data, 'data resource', DATA_KINDS, problems, faults);
  checkVolumes(request, problems, faults);

  const memoryDefault = faults.has('wrong-defaults') ? 0 : 1;
  const cores = readRange(request.compute?.cores, 'cores', 1, problems, faults);
  const memory = readRange(request.compute?.memory, 'memory', memoryDefault, problems, faults);
  const storage = request.storage.map((item) =>
    readRange(item.size, 'storage size', 1, problems, faults),
  );
  const { totals, perSession } = platform;
  if (cores !== undefined)
    checkLimits('cores', cores.min, perSession.cores, totals.cores, problems, faults);
  if (memory !== undefined)
    checkLimits('memory', memory.min, perSession.memory, totals.memory, problems, faults);
  const storageMin = storage.reduce((sum, range) => sum + (range?.min ?? 0), 0);
  checkLimits('storage', storageMin, perSession.storage, totals.storage, problems, faults);

  const duration = readDuration(request.schedule.duration, context, problems);
  const windows = readWindows(request.schedule.start, context, problems);

  if (
    problems.messages.length > 0 ||
    cores === undefined ||
    memory === undefined ||
    duration === undefined
  ) {
    return { ok: false, messages: problems.messages };
  }
  if (storage.some((range) => range === undefined))
    return { ok: false, messages: problems.messages };
  return {
    ok: true,
    needs: { executableKind, cores, memory, storage: storage as Range[], duration, windows },
  };
}

/** The smaller and (where the request allows it) larger allocation worth offering. */
function allocations(needs: Needs, platform: PlatformConfig, faults: FaultSet): Allocation[] {
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

function demand(allocation: Allocation): Resources {
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

/** The earliest start at or after `from` inside one of the windows where `need` fits, or undefined. */
function earliestStart(
  windows: Interval[],
  from: number,
  times: { preparation: number; occupied: number },
  need: Resources,
  search: SlotSearch,
  check: boolean,
): number | undefined {
  const { calendar, now } = search;
  const length = calendar.bucketsFor(times.preparation + times.occupied) + 1;
  for (const window of windows) {
    const lo = Math.max(window.start, now + times.preparation, from);
    if (lo > window.end) continue;
    const first = calendar.bucketAt(lo - times.preparation);
    const last = calendar.bucketAt(window.end - times.preparation);
    if (!check) return lo;
    const bucket = calendar.earliestFit(first, last, length, need);
    if (bucket !== undefined) return Math.max(calendar.instantOf(bucket) + times.preparation, lo);
  }
  return undefined;
}

/**
 * Finds up to `maxOffers` distinct slots, alternating the smaller and larger allocation and
 * moving later in time, and books each. An empty result means no capacity in the window.
 */
export function findSlots(needs: Needs, search: SlotSearch, maxOffers: number): SlotPlan[] {
  const { platform, faults, calendar } = search;
  const preparation = platform.preparation[needs.executableKind];
  const release = platform.release[needs.executableKind];
  const duration = faults.has('short-duration') ? needs.duration / 2 : needs.duration;
  const windows = faults.has('offer-outside-window')
    ? needs.windows.map((window) => ({
        start: window.end + TIME.HOUR,
        end: window.end + TIME.HOUR,
      }))
    : needs.windows;
  const step = Math.max(platform.slotGranularity, duration);
  const candidates = allocations(needs, platform, faults);
  const demands = candidates.map(demand);
  const times = { preparation, occupied: duration + release };
  const nextFrom = candidates.map(() => Number.NEGATIVE_INFINITY);
  const exhausted = candidates.map(() => false);
  const plans: SlotPlan[] = [];

  while (plans.length < maxOffers && exhausted.some((done) => !done)) {
    for (let i = 0; i < candidates.length && plans.length < maxOffers; i++) {
      if (exhausted[i]) continue;
      const allocation = candidates[i]!;
      const need = demands[i]!;
      // Faults that skip the calendar: overbooking, or offering what the platform cannot hold.
      const skipCalendar =
        faults.has('overbook') ||
        (faults.has('beyond-platform') && !withinPlatform(need, calendar.totals));
      const start = earliestStart(windows, nextFrom[i]!, times, need, search, !skipCalendar);
      if (start === undefined) {
        exhausted[i] = true;
        continue;
      }
      const booking = skipCalendar
        ? undefined
        : calendar.book(
            calendar.bucketAt(start - preparation),
            calendar.bucketFrom(start + duration + release),
            need,
          );
      plans.push({ allocation, availableStart: start, duration, preparation, release, booking });
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
