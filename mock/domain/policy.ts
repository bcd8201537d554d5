// The platform's policy on executables, beyond what resources they need: which registries
// images may come from and whether privileged containers run. Each breach is a reason for a NO.
import type { FaultSet } from './faults.ts';
import type { Problems } from './messages.ts';
import type { PlatformConfig } from './platform.ts';
import type { RequestedComponent } from './request.ts';

/** The registry host of an image location; a bare name (`python:3`) is Docker Hub's. */
function registryOf(location: string): string {
  const first = location.split('/')[0] ?? '';
  const looksLikeHost =
    location.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return looksLikeHost ? first : 'docker.io';
}

function imageLocations(image: unknown): string[] {
  if (typeof image !== 'object' || image === null) return [];
  const locations = (image as { locations?: unknown }).locations;
  if (!Array.isArray(locations)) return [];
  return locations.filter((item): item is string => typeof item === 'string');
}

export function checkPolicy(
  executable: RequestedComponent,
  platform: PlatformConfig,
  problems: Problems,
): void {
  if (executable.kind !== 'docker-container') return;
  const { allowedRegistries, privilegedAllowed } = platform.policy;
  if (executable.fields.privileged === true && !privilegedAllowed)
    problems.add('privileged-not-allowed', {});
  if (allowedRegistries.includes('*')) return;
  for (const location of imageLocations(executable.fields.image)) {
    if (!allowedRegistries.includes(registryOf(location))) {
      problems.add('registry-not-allowed', { location, allowed: allowedRegistries.join(', ') });
    }
  }
}

/**
 * Docker labels whose names start with the reserved prefix are the broker's own: each gets a
 * reason for a NO naming it (the `reserved-label-accepted` fault lets them through).
 */
export function checkLabels(
  executable: RequestedComponent,
  platform: PlatformConfig,
  problems: Problems,
  faults: FaultSet,
): void {
  const labels = executable.fields.labels;
  if (executable.kind !== 'docker-container' || typeof labels !== 'object' || labels === null)
    return;
  if (faults.has('reserved-label-accepted')) return;
  const prefix = platform.policy.reservedLabelPrefix;
  for (const label of Object.keys(labels)) {
    if (label.startsWith(prefix)) problems.add('reserved-label', { label, prefix });
  }
}
