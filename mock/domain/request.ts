// What the domain sees of an execution request. The HTTP layer has already parsed the body and
// replaced every known kind URI with its canonical name (`docker-container`, ...); a URI no
// profile maps arrives as `unknown:<uri>` so the domain can name it in its answer.

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

export const EXECUTABLE_KINDS = [
  'docker-container',
  'jupyter-notebook',
  'singularity-container',
] as const;
export const DATA_KINDS = [
  'simple-data-resource',
  's3-data-resource',
  'rucio-data-resource',
  'ivoa-data-resource',
  'skao-data-resource',
] as const;
