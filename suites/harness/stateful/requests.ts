// The execution requests the stateful suites send. They are deliberately plain (one docker
// container, a simple compute resource, optional storage): these suites test what happens to
// offers after they are made, not how a broker matches requests, so every request should be
// one any broker can answer YES to when it has room.

import type { ProfileName } from '../context.ts';
import { kindOf } from '../profile.ts';

export interface RequestShape {
  cores?: number;
  memory?: number;
  /** GiB of one storage resource; none when absent. */
  storage?: number;
  /** ISO 8601 duration of the session (default PT10M: short, so sessions end soon). */
  duration?: string;
  /** ISO 8601 interval bounding the start; absent lets the broker choose. */
  start?: string;
  name?: string;
}

/** An ExecutionRequest for the profile, asking for exactly the given amounts (min = max). */
export function executionRequest(
  profile: ProfileName,
  shape: RequestShape = {},
): Record<string, unknown> {
  const cores = shape.cores ?? 1;
  const memory = shape.memory ?? 1;
  const request: Record<string, unknown> = {
    executable: {
      kind: kindOf(profile, 'docker-container'),
      meta: { name: shape.name ?? 'eb-conform-stateful' },
      image: { locations: ['registry.example.org/eb-conform/sleep:1.0'] },
    },
    compute: {
      kind: kindOf(profile, 'simple-compute-resource'),
      meta: { name: 'compute' },
      cores: { min: cores, max: cores },
      memory: { min: memory, max: memory },
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
        size: { min: shape.storage, max: shape.storage },
      },
    ];
  }
  return request;
}
