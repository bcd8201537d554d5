// Storage resources: a size {min, max} in GiB. `edge` adds zero, min > max, huge and missing
// sizes.

import fc from 'fast-check';
import type { ProfileName } from '../harness/context.ts';
import { kindOf } from '../harness/profile.ts';
import type { Json, JsonObject, Shape } from './types.ts';

export interface StorageConstraints {
  profile?: ProfileName;
  shape?: Shape;
  /** Largest size in GiB a valid request asks for (default 64). */
  maxSize?: number;
  /** The item's name, so volumes and data can refer to it. */
  name: string;
}

export function storageArbitrary(constraints: StorageConstraints): fc.Arbitrary<JsonObject> {
  const profile = constraints.profile ?? 'v1.0.7';
  const limit = constraints.maxSize ?? 64;
  const valid = fc
    .tuple(
      fc.integer({ min: 1, max: limit }),
      fc.option(fc.integer({ min: 0, max: limit }), { nil: undefined }),
    )
    .map(([min, extra]): Json =>
      extra === undefined ? { min } : { min, max: Math.min(limit, min + extra) },
    );
  const size =
    constraints.shape === 'edge'
      ? fc.oneof(
          valid,
          fc.constantFrom<Json>(
            { min: 0 },
            { min: 0, max: 0 },
            { min: 10, max: 5 },
            { min: 1e9 },
            { min: -3 },
            {},
          ),
        )
      : valid;
  return size.map((s) => ({
    kind: kindOf(profile, 'simple-storage-resource'),
    meta: { name: constraints.name },
    size: s,
  }));
}
