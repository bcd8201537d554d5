// Executables: docker containers, Jupyter notebooks, Singularity containers and, on request,
// kinds no broker knows (which must be answered NO, never with an error).

import fc from 'fast-check';
import { EXECUTABLE_KIND_NAMES } from '../../spec/index.ts';
import type { ProfileName } from '../harness/context.ts';
import { kindOf } from '../harness/profile.ts';
import { nameArbitrary } from './names.ts';
import type { JsonObject } from './types.ts';

export const EXECUTABLE_KINDS = EXECUTABLE_KIND_NAMES;
export type ExecutableKind = (typeof EXECUTABLE_KINDS)[number];

export interface ExecutableConstraints {
  profile?: ProfileName;
  kinds?: readonly ExecutableKind[];
  /** Also generate executables whose kind URI no profile maps. */
  unknownKinds?: boolean;
  unicodeNames?: boolean;
}

/** Kind URIs no broker can know; they look plausible on purpose. */
export const UNKNOWN_EXECUTABLE_KINDS = [
  'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/podman-pod.yaml',
  'https://example.org/kinds/executable/wasm-module',
  'urn:eb-conform:unknown-executable',
];

const IMAGES = [
  'ghcr.io/ivoa/oligia-webtop:ubuntu-2022.01.01',
  'docker.io/library/python:3.12-slim',
  'quay.io/astro/ds9:8.5',
];
const NOTEBOOKS = [
  'https://example.org/notebooks/spectra.ipynb',
  'https://github.com/ivoa/demo/raw/main/cone-search.ipynb',
];
const SIFS = ['https://example.org/images/casa-6.6.sif', 'library://astro/default/topcat:4.9'];

function docker(profile: ProfileName, name: fc.Arbitrary<string>): fc.Arbitrary<JsonObject> {
  return fc
    .record(
      {
        name,
        location: fc.constantFrom(...IMAGES),
        digest: fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256:${hex}`),
        architecture: fc.constantFrom('amd64', 'arm64'),
        command: fc.array(fc.constantFrom('python', '-m', 'http.server', '--port', '8080'), {
          maxLength: 4,
        }),
        environment: fc.dictionary(
          fc.constantFrom('LOG_LEVEL', 'DATA_DIR', 'THREADS'),
          fc.constantFrom('info', '/data', '4'),
        ),
        port: fc.integer({ min: 1024, max: 65535 }),
      },
      { requiredKeys: ['name', 'location'] },
    )
    .map((parts) => {
      const image: JsonObject = { locations: [parts.location] };
      if (parts.digest !== undefined) image.digest = parts.digest;
      if (parts.architecture !== undefined)
        image.platform = { architecture: parts.architecture, os: 'linux' };
      const body: JsonObject = {
        kind: kindOf(profile, 'docker-container'),
        meta: { name: parts.name },
        image,
        privileged: false,
      };
      if (parts.command !== undefined && parts.command.length > 0) body.command = parts.command;
      if (parts.environment !== undefined) body.environment = parts.environment;
      if (parts.port !== undefined)
        body.network = {
          ports: [{ access: true, internal: { port: parts.port }, protocol: 'TCP' }],
        };
      return body;
    });
}

function located(
  profile: ProfileName,
  kind: ExecutableKind,
  locations: string[],
  name: fc.Arbitrary<string>,
): fc.Arbitrary<JsonObject> {
  return fc
    .record({ name, location: fc.constantFrom(...locations) })
    .map(({ name: n, location }) => ({
      kind: kindOf(profile, kind),
      meta: { name: n },
      location,
    }));
}

export function executableArbitrary(
  constraints: ExecutableConstraints = {},
): fc.Arbitrary<JsonObject> {
  const profile = constraints.profile ?? 'v1.0.7';
  const kinds = constraints.kinds ?? EXECUTABLE_KINDS;
  const name = nameArbitrary({ unicode: constraints.unicodeNames ?? false });
  const known = kinds.map((kind) => {
    if (kind === 'docker-container') return docker(profile, name);
    return located(profile, kind, kind === 'jupyter-notebook' ? NOTEBOOKS : SIFS, name);
  });
  if (constraints.unknownKinds !== true) return fc.oneof(...known);
  const unknown = fc
    .record({ kind: fc.constantFrom(...UNKNOWN_EXECUTABLE_KINDS), name })
    .map(({ kind, name: n }): JsonObject => ({
      kind,
      meta: { name: n },
      location: 'https://example.org/thing',
    }));
  return fc.oneof(...known, unknown);
}
