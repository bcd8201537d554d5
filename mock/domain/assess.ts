// From a request to needs: `assess` reads what was asked (applying the standard's defaults) and
// turns it into concrete needs, or into the reasons for a NO. Where those needs fit in the
// calendar is the slot search's job (slots.ts).
import { CALYCOPIS_TIMES } from './calycopis.ts';
import type { FaultSet } from './faults.ts';
import {
  formatDuration,
  formatInstant,
  parseDuration,
  parseInterval,
  type Interval,
} from './iso.ts';
import { Problems, type DomainMessage } from './messages.ts';
import type { Needs, Range } from './needs.ts';
import type { ExecutableKindName, PlatformConfig } from './platform.ts';
import { checkLabels, checkPolicy } from './policy.ts';
import {
  DATA_KINDS,
  EXECUTABLE_KINDS,
  UNKNOWN_KIND_PREFIX,
  type DomainRequest,
  type MinMax,
  type RequestedComponent,
} from './request.ts';

export type { Needs, Range } from './needs.ts';

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

function readWindows(start: unknown, context: AssessContext, problems: Problems): Interval[] {
  const { now, platform, faults } = context;
  if (start === undefined || start === null) {
    const width = faults.has('calycopis-blocks')
      ? CALYCOPIS_TIMES.window
      : platform.defaultStartWindow;
    return [{ start: now, end: now + width }];
  }
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
  const calycopis = faults.has('calycopis-blocks');
  if (duration === undefined || duration === null)
    return calycopis ? CALYCOPIS_TIMES.asked : platform.defaultDuration;
  const ms = typeof duration === 'string' ? parseDuration(duration) : undefined;
  if (ms === undefined || ms <= 0) {
    problems.add('bad-duration', { duration: JSON.stringify(duration) ?? 'nothing' });
    return undefined;
  }
  const limit = calycopis ? CALYCOPIS_TIMES.asked : platform.perSession.duration;
  if (ms > limit && !faults.has('beyond-platform')) {
    problems.add('duration-too-long', {
      duration: duration as string,
      limit: formatDuration(limit),
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
    checkLabels(request.executable, platform, problems, faults);
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
  // The `storage-size-dropped` fault takes no notice of sizes at all: no limit, no booking.
  const unsized = faults.has('storage-size-dropped');
  const storageMin = unsized ? 0 : storage.reduce((sum, range) => sum + (range?.min ?? 0), 0);
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
    needs: {
      executableKind,
      cores,
      memory,
      storage: unsized ? storage.map(() => ({ min: 0, max: 0 })) : (storage as Range[]),
      duration,
      windows,
    },
  };
}
