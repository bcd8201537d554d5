// Data resources of every kind the v1.0 model has: simple (a URL), S3, Rucio, IVOA (ivoid,
// ObsCore, DataLink) and SKAO, each optionally naming the storage it lands in.

import fc from 'fast-check';
import { DATA_KIND_NAMES } from '../../spec/index.ts';
import type { ProfileName } from '../harness/context.ts';
import { kindOf } from '../harness/profile.ts';
import type { JsonObject } from './types.ts';

export const DATA_KINDS = DATA_KIND_NAMES;
export type DataKind = (typeof DATA_KINDS)[number];

export interface DataConstraints {
  profile?: ProfileName;
  kinds?: readonly DataKind[];
  /** The item's name. */
  name: string;
  /** Storage resource names the data may land in (none: no `storage` member). */
  storage?: readonly string[];
}

const FILES = ['m31.fits', 'survey/tile-0042.fits', 'cube.hdf5', 'visibilities.ms.tar'];

function body(kind: DataKind, file: string): JsonObject {
  switch (kind) {
    case 'simple-data-resource':
      return { location: `https://data.example.org/${file}` };
    case 's3-data-resource':
      return {
        endpoint: 'https://s3.example.org',
        template: '{bucket}/{object}',
        bucket: 'archive',
        object: file,
      };
    case 'rucio-data-resource':
      return {
        rucio: {
          endpoint: 'https://rucio.example.org',
          scope: 'testing',
          object: file,
          type: 'FILE',
        },
      };
    case 'ivoa-data-resource':
      return {
        ivoa: {
          ivoid: `ivo://example.org/archive?${encodeURIComponent(file)}`,
          obscore: {
            obs_id: file,
            dataproduct_type: 'image',
            calib_level: 2,
            access_url: `https://data.example.org/${file}`,
            access_format: 'application/fits',
          },
        },
      };
    case 'skao-data-resource':
      return {
        skao: { namespace: 'testing', objectname: file, objecttype: 'FILE', datasize: 1024 },
      };
  }
}

export function dataArbitrary(constraints: DataConstraints): fc.Arbitrary<JsonObject> {
  const profile = constraints.profile ?? 'v1.0.7';
  const storage = constraints.storage ?? [];
  return fc
    .record({
      kind: fc.constantFrom(...(constraints.kinds ?? DATA_KINDS)),
      file: fc.constantFrom(...FILES),
      lands:
        storage.length === 0
          ? fc.constant(undefined)
          : fc.option(fc.constantFrom(...storage), { nil: undefined }),
    })
    .map(({ kind, file, lands }) => {
      const item: JsonObject = {
        kind: kindOf(profile, kind),
        meta: { name: constraints.name },
        ...body(kind, file),
      };
      if (lands !== undefined) item.storage = lands;
      return item;
    });
}
