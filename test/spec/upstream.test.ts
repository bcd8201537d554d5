// The loader bundles all three upstream descriptions without crashing, and after normalisation
// every pattern in them compiles in JavaScript. Skipped where ../shared/upstream is absent.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  checkOpenApiStructure,
  createValidator,
  loadSpec,
  normalisePattern,
  patternError,
  type JsonObject,
  UPSTREAM_DIR,
  hasUpstream,
} from '../../spec/index.ts';

const UPSTREAM = UPSTREAM_DIR;
const VERSIONS = ['calycopis-openapi-1.0.7', 'calycopis-openapi-1.0.5', 'ivoa-std-2025'];
const present = hasUpstream();

function collect(node: unknown, key: string, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => collect(item, key, out));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key && typeof v === 'string') out.push(v);
      else collect(v, key, out);
    }
  }
  return out;
}

describe.skipIf(!present)('upstream descriptions (skipped: ../shared/upstream absent)', () => {
  for (const version of VERSIONS) {
    describe(version, () => {
      // Loaded inside the tests: a skipped describe still runs its body.
      let loaded: ReturnType<typeof loadSpec> | undefined;
      const bundle = (): ReturnType<typeof loadSpec> =>
        (loaded ??= loadSpec(`${UPSTREAM}/${version}`));

      it('bundles into one document with only local $refs', () => {
        const spec = bundle();
        expect(spec.files.length).toBeGreaterThan(1);
        const refs = collect(spec.document, '$ref');
        expect(refs.length).toBeGreaterThan(20);
        expect(refs.filter((r) => !r.startsWith('#/'))).toEqual([]);
        expect(
          checkOpenApiStructure(spec.document).filter((p) =>
            p.message.includes('does not resolve'),
          ),
        ).toEqual([]);
      });

      it('compiles every pattern after normalisation', () => {
        const raw = loadSpec(`${UPSTREAM}/${version}`, { normalisePatterns: false });
        const patterns = collect(raw.document, 'pattern');
        expect(patterns.length).toBeGreaterThan(0);
        for (const p of patterns) expect(patternError(normalisePattern(p)), p).toBeUndefined();
        for (const p of collect(bundle().document, 'pattern'))
          expect(patternError(p), p).toBeUndefined();
      });

      it('has the schemas of its data model', () => {
        const schemas = (bundle().document.components as { schemas: JsonObject }).schemas;
        expect(Object.keys(schemas)).toEqual(
          expect.arrayContaining(['OfferSetResponse', 'AbstractExecutable', 'AbstractUpdate']),
        );
      });
    });
  }

  it('records the atomic-group rewrite in the Calycopis instant pattern', () => {
    const spec = loadSpec(`${UPSTREAM}/calycopis-openapi-1.0.7`);
    expect(
      spec.warnings.some((w) => w.includes('ISO8601Instant') && w.includes('atomic group')),
    ).toBe(true);
  });

  it("resolves the draft's bare-name $refs by name, each with a warning", () => {
    const spec = loadSpec(`${UPSTREAM}/ivoa-std-2025`);
    const bare = spec.warnings.filter((w) => w.includes('bare $ref'));
    expect(bare.length).toBeGreaterThan(10);
    expect(bare.some((w) => w.includes("bare $ref 'OfferSetResponse' resolved by name"))).toBe(
      true,
    );
    expect(spec.warnings.filter((w) => w.includes('cannot be resolved'))).toEqual([]);
  });

  it('validates documents against an upstream bundle, under upstream schema names', () => {
    const validator = createValidator({
      spec: loadSpec(`${UPSTREAM}/calycopis-openapi-1.0.5`),
      profile: 'v1.0.5',
    });
    expect(validator.validate('OfferSetResponse', { result: 'YES' }).valid).toBe(true);
    expect(
      validator.validate('OfferSetResponse', { result: 'MAYBE' }).issues.map((i) => i.pointer),
    ).toEqual(['/result']);
    // `Update` is called AbstractUpdate upstream; the validator finds it by that name.
    expect(validator.validate('Update', { path: 'phase' }).issues.map((i) => i.pointer)).toEqual([
      '/kind',
    ]);
  });

  it('dispatches on the upstream discriminator mappings', () => {
    const validator = createValidator({ spec: loadSpec(`${UPSTREAM}/calycopis-openapi-1.0.7`) });
    const update = { kind: 'uri:enum-value-update', path: 'phase', value: 1 };
    expect(validator.validate('Update', update).issues.map((i) => i.pointer)).toEqual(['/value']);
    const unknown = validator.validate('Update', { ...update, kind: 'uri:nope' }).issues;
    expect(unknown[0]?.message).toContain(
      'unknown kind uri:nope (expected one of uri:string-value-update',
    );
  });

  // Our schema may be stricter than upstream (each case is in CHANGES-FROM-UPSTREAM.md), never looser.
  const TIGHTENED = [
    'requests/invalid-skao-datasize.yaml',
    'requests/invalid-storage-size-negative.yaml',
    'requests/invalid-port-range.yaml',
    'requests/invalid-v105-cost.yaml',
  ];
  for (const version of ['v1.0.7', 'v1.0.5'] as const) {
    it(`agrees with the upstream ${version} schema on our fixtures, except where we are stricter`, () => {
      const dir = fileURLToPath(new URL('../../fixtures/documents/', import.meta.url));
      const index = parse(readFileSync(`${dir}index.yaml`, 'utf8')) as {
        documents: { file: string; type: string; profile?: string; pointer?: string }[];
      };
      const validator = createValidator({
        profile: version,
        spec: loadSpec(`${UPSTREAM}/calycopis-openapi-${version.slice(1)}`),
      });
      const mine = index.documents.filter(
        (d) => (d.profile ?? 'v1.0.7') === version && d.type !== 'ErrorResponse',
      );
      expect(mine.length).toBeGreaterThan(5);
      for (const d of mine) {
        const doc: unknown = parse(readFileSync(`${dir}${d.file}`, 'utf8'));
        const expected = d.pointer === undefined || TIGHTENED.includes(d.file);
        expect(validator.validate(d.type, doc).valid, d.file).toBe(expected);
      }
    });
  }

  it('gives the same bundle and hash on every load', () => {
    const a = loadSpec(`${UPSTREAM}/calycopis-openapi-1.0.5`);
    const b = loadSpec(`${UPSTREAM}/calycopis-openapi-1.0.5/schema/v1.0/execution-broker.yaml`);
    expect(a.specHash).toBe(b.specHash);
  });
});
