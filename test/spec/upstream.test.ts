// The loader bundles all three upstream descriptions without crashing, and after normalisation
// every pattern in them compiles in JavaScript. Skipped where /work/shared/upstream is absent.

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkOpenApiStructure,
  createValidator,
  loadSpec,
  normalisePattern,
  patternError,
  type JsonObject,
} from '../../spec/index.ts';

const UPSTREAM = '/work/shared/upstream';
const VERSIONS = ['calycopis-openapi-1.0.7', 'calycopis-openapi-1.0.5', 'ivoa-std-2025'];
const present = existsSync(UPSTREAM);

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

describe.skipIf(!present)('upstream descriptions (skipped: /work/shared/upstream absent)', () => {
  for (const version of VERSIONS) {
    describe(version, () => {
      const spec = loadSpec(`${UPSTREAM}/${version}`);

      it('bundles into one document with only local $refs', () => {
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
        for (const p of collect(spec.document, 'pattern'))
          expect(patternError(p), p).toBeUndefined();
      });

      it('has the schemas of its data model', () => {
        const schemas = (spec.document.components as { schemas: JsonObject }).schemas;
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

  it('gives the same bundle and hash on every load', () => {
    const a = loadSpec(`${UPSTREAM}/calycopis-openapi-1.0.5`);
    const b = loadSpec(`${UPSTREAM}/calycopis-openapi-1.0.5/schema/v1.0/execution-broker.yaml`);
    expect(a.specHash).toBe(b.specHash);
  });
});
