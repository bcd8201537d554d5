// What the domain sees of an execution request. The HTTP layer has already parsed the body and
// replaced every known kind URI with its canonical name (`docker-container`, ...); a URI no
// profile maps arrives as `unknown:<uri>` so the domain can name it in its answer.

import { DATA_KIND_NAMES, EXECUTABLE_KIND_NAMES } from '../../spec/index.ts';

export type Plain = Record<string, unknown>;

/** One requested component (executable, compute, volume, storage or data): its kind plus the rest of its fields, kept for echoing. */
export interface RequestedComponent {
  kind: string | undefined;
  name: string | undefined;
  fields: Plain;
}

export interface MinMax {
  min?: unknown;
  max?: unknown;
}

export interface DomainRequest {
  name: string | undefined;
  executable: RequestedComponent | undefined;
  compute:
    | (RequestedComponent & {
        cores: MinMax | undefined;
        memory: MinMax | undefined;
        volumes: RequestedComponent[];
      })
    | undefined;
  storage: (RequestedComponent & { size: MinMax | undefined })[];
  data: RequestedComponent[];
  schedule: { duration: unknown; start: unknown };
  /** Canonical text of the request, used only by the `uuid-reuse` fault to recognise repeats. */
  readonly fingerprint: string;
}

export const UNKNOWN_KIND_PREFIX = 'unknown:';

// The kind lists live once, in spec/; the broker understands exactly the kinds the model has.
export const EXECUTABLE_KINDS = EXECUTABLE_KIND_NAMES;
export const DATA_KINDS = DATA_KIND_NAMES;
