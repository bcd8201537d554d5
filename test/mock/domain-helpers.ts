// Builders shared by the domain tests: requests in the domain's own terms (kinds already
// resolved to canonical names), and a broker on a virtual clock.
import { Broker } from '../../mock/domain/broker.ts';
import { virtualClock, type VirtualClock } from '../../mock/domain/clock.ts';
import type { FaultSet } from '../../mock/domain/faults.ts';
import { platformFromRaw, type PlatformConfig } from '../../mock/domain/platform.ts';
import type { DomainRequest } from '../../mock/domain/request.ts';

export const START = Date.UTC(2030, 0, 1, 12, 0, 0);

export interface RequestShape {
  cores?: { min?: unknown; max?: unknown };
  memory?: { min?: unknown; max?: unknown };
  storage?: { min?: unknown; max?: unknown }[];
  duration?: unknown;
  start?: unknown;
  executableKind?: string | undefined;
}

export function domainRequest(shape: RequestShape = {}): DomainRequest {
  return {
    name: undefined,
    executable:
      'executableKind' in shape && shape.executableKind === undefined
        ? undefined
        : {
            kind: shape.executableKind ?? 'docker-container',
            name: undefined,
            fields: { image: { locations: ['ghcr.io/eb/test:1'] } },
          },
    compute: {
      kind: 'simple-compute-resource',
      name: undefined,
      fields: {},
      cores: shape.cores,
      memory: shape.memory,
      volumes: [],
    },
    storage: (shape.storage ?? []).map((size, i) => ({
      kind: 'simple-storage-resource',
      name: `disk-${i}`,
      fields: {},
      size,
    })),
    data: [],
    schedule: { duration: shape.duration, start: shape.start },
    fingerprint: JSON.stringify(shape),
  };
}

export function testBroker(
  override: Record<string, unknown> = {},
  faults: FaultSet = new Set(),
): { broker: Broker; clock: VirtualClock; platform: PlatformConfig } {
  const clock = virtualClock(START);
  const platform = platformFromRaw(override);
  return { broker: new Broker({ platform, clock, faults }), clock, platform };
}
