// Volume mounts: a path in the container, a mode, and the storage or data resource mounted.

import fc from 'fast-check';
import type { ProfileName } from '../harness/context.ts';
import { kindOf } from '../harness/profile.ts';
import type { JsonObject } from './types.ts';

export interface VolumeConstraints {
  profile?: ProfileName;
  /** Names of the resources that may be mounted; required, a mount must name something. */
  resources: readonly string[];
}

export function volumeArbitrary(constraints: VolumeConstraints): fc.Arbitrary<JsonObject> {
  const profile = constraints.profile ?? 'v1.0.7';
  const resources = constraints.resources.length > 0 ? constraints.resources : ['scratch'];
  return fc
    .record({
      dir: fc.constantFrom('data', 'scratch', 'results', 'input'),
      mode: fc.constantFrom('READONLY', 'READWRITE'),
      resource: fc.constantFrom(...resources),
    })
    .map(({ dir, mode, resource }) => ({
      kind: kindOf(profile, 'simple-volume-mount'),
      path: `/mnt/${dir}`,
      mode,
      resource,
    }));
}
