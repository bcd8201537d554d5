// A whole ExecutionRequest, combined from the part generators. `valid` requests fit a modest
// platform, so a conformant broker with free capacity says YES to most of them; `edge`
// requests mix in every edge case of the parts plus missing parts, unknown kinds and extra
// members. invalidReasons() says which generated requests no broker may answer YES.

import fc from 'fast-check';
import type { ProfileName } from '../harness/context.ts';
import { computeArbitrary } from './compute.ts';
import { dataArbitrary } from './data.ts';
import { executableArbitrary } from './executable.ts';
import { scheduleArbitrary } from './schedule.ts';
import { storageArbitrary } from './storage.ts';
import type { JsonObject, Shape } from './types.ts';

export interface RequestConstraints {
  profile?: ProfileName;
  /** The broker's now, epoch ms. */
  now: number;
  shape?: Shape;
  /** Include storage resources (default true). */
  storage?: boolean;
  /** Include data resources (default true). */
  data?: boolean;
  /** Include a schedule (default: sometimes). */
  schedule?: 'always' | 'sometimes' | 'never';
  /** Unicode names for the parts. */
  unicodeNames?: boolean;
  maxCores?: number;
  maxMemory?: number;
  maxStorage?: number;
}

const STORAGE_NAMES = ['scratch', 'results'];
const DATA_NAMES = ['input-a', 'input-b'];

export function requestArbitrary(constraints: RequestConstraints): fc.Arbitrary<JsonObject> {
  const profile = constraints.profile ?? 'v1.0.7';
  const shape = constraints.shape ?? 'valid';
  const edge = shape === 'edge';
  const withStorage = constraints.storage ?? true;
  const withData = constraints.data ?? true;
  const storage = withStorage
    ? fc.integer({ min: 0, max: STORAGE_NAMES.length }).chain((count) =>
        fc.tuple(
          ...STORAGE_NAMES.slice(0, count).map((name) =>
            storageArbitrary({
              profile,
              shape,
              name,
              ...(constraints.maxStorage === undefined ? {} : { maxSize: constraints.maxStorage }),
            }),
          ),
        ),
      )
    : fc.constant([] as JsonObject[]);
  const data = withData
    ? fc.integer({ min: 0, max: DATA_NAMES.length }).chain((count) =>
        fc.tuple(
          ...DATA_NAMES.slice(0, count).map((name) =>
            dataArbitrary({
              profile,
              name,
              storage: withStorage ? STORAGE_NAMES.slice(0, 1) : [],
            }),
          ),
        ),
      )
    : fc.constant([] as JsonObject[]);
  const scheduleMode = constraints.schedule ?? 'sometimes';
  const schedule =
    scheduleMode === 'never'
      ? fc.constant(undefined)
      : scheduleMode === 'always'
        ? scheduleArbitrary({ now: constraints.now, shape })
        : fc.option(scheduleArbitrary({ now: constraints.now, shape }), {
            nil: undefined,
            freq: 4,
          });
  return fc
    .record({
      executable: executableArbitrary({
        profile,
        unknownKinds: edge,
        unicodeNames: constraints.unicodeNames ?? edge,
      }),
      compute: computeArbitrary({
        profile,
        shape,
        mountable: [...STORAGE_NAMES, ...DATA_NAMES],
        unicodeNames: constraints.unicodeNames ?? edge,
        ...(constraints.maxCores === undefined ? {} : { maxCores: constraints.maxCores }),
        ...(constraints.maxMemory === undefined ? {} : { maxMemory: constraints.maxMemory }),
      }),
      storage,
      data,
      schedule,
      dropExecutable: edge ? fc.boolean() : fc.constant(false),
      extra: edge
        ? fc.option(fc.constantFrom('x-priority', 'colour', '__proto__', 'kind'), {
            nil: undefined,
          })
        : fc.constant(undefined),
    })
    .map(({ executable, compute, storage: s, data: d, schedule: sch, dropExecutable, extra }) => {
      const request: JsonObject = { compute };
      if (!dropExecutable) request.executable = executable;
      // Volumes may only mount what the request has; drop dangling mounts rather than send them.
      const names = new Set([...s, ...d].map((item) => (item.meta as JsonObject).name));
      const volumes = compute.volumes;
      if (Array.isArray(volumes)) {
        const kept = volumes.filter((v) => names.has((v as JsonObject).resource ?? null));
        if (kept.length > 0) compute.volumes = kept;
        else delete compute.volumes;
      }
      if (s.length > 0) request.storage = s;
      if (d.length > 0) request.data = d;
      if (sch !== undefined) request.schedule = sch;
      if (extra !== undefined)
        Object.defineProperty(request, extra, {
          value: 'unexpected',
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return request;
    });
}
