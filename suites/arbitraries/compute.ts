// The compute resource: cores and memory as {min, max}, with optional volume mounts. `valid`
// stays inside what a modest platform can give; `edge` adds boundary values, min = max,
// min > max, zero, negative and huge sizes and missing members.

import fc from 'fast-check';
import type { ProfileName } from '../harness/context.ts';
import { kindOf } from '../harness/profile.ts';
import { nameArbitrary } from './names.ts';
import type { Json, JsonObject, Shape } from './types.ts';
import { volumeArbitrary } from './volume.ts';

export interface ComputeConstraints {
  profile?: ProfileName;
  shape?: Shape;
  /** Largest core count a valid request asks for (default 8). */
  maxCores?: number;
  /** Largest memory in GiB a valid request asks for (default 16). */
  maxMemory?: number;
  /** Names of storage or data resources volumes may mount (none: no volumes). */
  mountable?: readonly string[];
  unicodeNames?: boolean;
}

/** A valid {min, max}: min >= 1, max >= min or absent (a missing max means max = min). */
function validRange(limit: number): fc.Arbitrary<JsonObject> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: limit }),
      fc.option(fc.integer({ min: 0, max: limit }), { nil: undefined }),
    )
    .map(([min, extra]): JsonObject =>
      extra === undefined ? { min } : { min, max: Math.min(limit, min + extra) },
    );
}

const EDGE_NUMBERS: Json[] = [0, -1, 1, 2 ** 31, 1e9, Number.MAX_SAFE_INTEGER, 'four'];

function edgeRange(limit: number): fc.Arbitrary<Json> {
  return fc.oneof(
    validRange(limit),
    fc.integer({ min: 1, max: limit }).map((n): Json => ({ min: n, max: n })),
    fc
      .tuple(fc.integer({ min: 2, max: limit }), fc.integer({ min: 1, max: limit }))
      .map(([min, less]): Json => ({ min, max: Math.max(0, Math.min(min - 1, less)) })),
    fc.record(
      { min: fc.constantFrom(...EDGE_NUMBERS), max: fc.constantFrom(...EDGE_NUMBERS) },
      { requiredKeys: [] },
    ),
    fc.constant<Json>({}),
  );
}

export function computeArbitrary(constraints: ComputeConstraints = {}): fc.Arbitrary<JsonObject> {
  const profile = constraints.profile ?? 'v1.0.7';
  const edge = constraints.shape === 'edge';
  const cores = edge ? edgeRange(constraints.maxCores ?? 8) : validRange(constraints.maxCores ?? 8);
  const memory = edge
    ? edgeRange(constraints.maxMemory ?? 16)
    : validRange(constraints.maxMemory ?? 16);
  const mountable = constraints.mountable ?? [];
  const volumes =
    mountable.length === 0
      ? fc.constant(undefined)
      : fc.option(
          fc.array(volumeArbitrary({ profile, resources: mountable }), {
            minLength: 1,
            maxLength: 2,
          }),
          { nil: undefined },
        );
  return fc
    .record(
      {
        name: nameArbitrary({ unicode: constraints.unicodeNames ?? false }),
        cores,
        memory,
        volumes,
      },
      // Both resources may be left out: the defaults (1 core, 1 GiB) are part of what is tested.
      { requiredKeys: ['name'] },
    )
    .map(({ name, cores: c, memory: m, volumes: v }) => {
      const body: JsonObject = { kind: kindOf(profile, 'simple-compute-resource'), meta: { name } };
      if (c !== undefined) body.cores = c;
      if (m !== undefined) body.memory = m;
      if (v !== undefined) body.volumes = v;
      return body;
    });
}
