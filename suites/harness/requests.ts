// The one builder of plain ExecutionRequests: one docker container, a simple compute resource,
// optional storage, a schedule. Requests any broker with room should answer YES to; the
// generated requests of the property suites come from suites/arbitraries/ instead.

import type { ProfileName } from './context.ts';
import { kindOf } from './profile.ts';

/** An amount: a number asks for exactly that (min = max), a range for anything within it. */
export type Amount = number | { min: number; max?: number };

export interface RequestShape {
  cores?: Amount;
  memory?: Amount;
  /** GiB of one storage resource; none when absent. */
  storage?: Amount;
  /** ISO 8601 duration of the session (default PT10M: short, so sessions end soon). */
  duration?: string;
  /** ISO 8601 interval bounding the start; absent lets the broker choose. */
  start?: string;
  name?: string;
  image?: string;
  /** Docker container labels (name -> value). */
  labels?: Record<string, string>;
}

function range(amount: Amount): { min: number; max?: number } {
  return typeof amount === 'number' ? { min: amount, max: amount } : amount;
}

/** An ExecutionRequest for the profile (exactly 1 core and 1 GiB unless the shape says). */
export function executionRequest(
  profile: ProfileName,
  shape: RequestShape = {},
): Record<string, unknown> {
  const request: Record<string, unknown> = {
    executable: {
      kind: kindOf(profile, 'docker-container'),
      meta: { name: shape.name ?? 'eb-conform-stateful' },
      image: { locations: [shape.image ?? 'registry.example.org/eb-conform/sleep:1.0'] },
      ...(shape.labels === undefined ? {} : { labels: shape.labels }),
    },
    compute: {
      kind: kindOf(profile, 'simple-compute-resource'),
      meta: { name: 'compute' },
      cores: range(shape.cores ?? 1),
      memory: range(shape.memory ?? 1),
    },
    schedule: {
      requested: {
        duration: shape.duration ?? 'PT10M',
        ...(shape.start === undefined ? {} : { start: shape.start }),
      },
    },
  };
  if (shape.storage !== undefined) {
    request.storage = [
      {
        kind: kindOf(profile, 'simple-storage-resource'),
        meta: { name: 'scratch' },
        size: range(shape.storage),
      },
    ];
  }
  return request;
}
