// wireSpec spells the spec out for one wire version, closed over its kind URIs, so that a plain
// JSON Schema validator (no profile, no custom keyword) reaches the same verdicts as ours.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkOpenApiStructure, kindUri, wireSpec, type JsonObject } from '../../spec/index.ts';

const DIR = fileURLToPath(new URL('../../fixtures/documents/', import.meta.url));
const index = parse(readFileSync(`${DIR}index.yaml`, 'utf8')) as {
  documents: { file: string; type: string; profile?: string; pointer?: string }[];
};
// ajv-formats is CommonJS; depending on the loader its default export is nested.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => void;

function plainValidator(profile: 'v1.0.7' | 'v1.0.5'): (type: string, doc: unknown) => boolean {
  const ajv = new Ajv2020({ strict: false, logger: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema({
    $id: 'wire.json',
    components: wireSpec(profile).document.components as JsonObject,
  });
  return (type, doc) => {
    const check = ajv.getSchema(`wire.json#/components/schemas/${type}`);
    if (check === undefined) throw new Error(`no schema ${type}`);
    return check(doc) as boolean;
  };
}

describe('wireSpec', () => {
  it('moves the operations to each version’s paths', () => {
    expect(Object.keys(wireSpec('v1.0.7').document.paths as object).sort()).toEqual([
      '/direct',
      '/offersets/{uuid}',
      '/requests',
      '/sessions/{uuid}',
    ]);
    const v5 = wireSpec('v1.0.5').document.paths as Record<string, JsonObject>;
    expect(Object.keys(v5).sort()).toEqual([
      '/offersets',
      '/offersets/{uuid}',
      '/sessions',
      '/sessions/{uuid}',
    ]);
    expect(v5['/offersets']?.post).toBeDefined();
    expect(v5['/sessions']?.post).toBeDefined();
    expect(Object.keys(wireSpec('wd-2025').document.paths as object)).not.toContain('/direct');
  });

  it('produces structurally sound OpenAPI for every profile, cached', () => {
    for (const profile of ['v1.0.7', 'v1.0.5', 'wd-2025'] as const) {
      expect(checkOpenApiStructure(wireSpec(profile).document), profile).toEqual([]);
      expect(wireSpec(profile)).toBe(wireSpec(profile));
    }
  });

  it('pins each kind to the profile’s URI and renames the discriminator for the draft', () => {
    const executable = (
      wireSpec('v1.0.5').document.components as { schemas: Record<string, JsonObject> }
    ).schemas.Executable;
    expect(JSON.stringify(executable)).toContain(
      JSON.stringify({ const: kindUri('v1.0.5', 'docker-container') }),
    );
    const draft = (
      wireSpec('wd-2025').document.components as { schemas: Record<string, JsonObject> }
    ).schemas;
    expect(draft.UpdateBase?.required).toEqual(['type', 'path']);
    expect(draft.VolumeMount?.not).toEqual({});
  });

  for (const profile of ['v1.0.7', 'v1.0.5'] as const) {
    it(`gives a plain validator the same verdicts as the profile validator on the ${profile} fixtures`, () => {
      const check = plainValidator(profile);
      const fixtures = index.documents.filter((d) => (d.profile ?? 'v1.0.7') === profile);
      expect(fixtures.length).toBeGreaterThan(5);
      for (const d of fixtures) {
        const doc: unknown = parse(readFileSync(`${DIR}${d.file}`, 'utf8'));
        expect(check(d.type, doc), d.file).toBe(d.pointer === undefined);
      }
    });
  }
});
