// The document Prism serves must mean what the project's spec means: the rewrites that make
// Prism's generator produce real kinds may not let in anything the spec refuses, nor refuse
// anything it accepts. Checked on every hand-written fixture document, valid and invalid.

import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { prismDocument } from '../../mock/prism/index.ts';
import { normalisePattern, type JsonObject } from '../../spec/index.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface Entry {
  file: string;
  type: string;
  profile?: string;
  pointer?: string;
}

const FIXTURES = new URL('../../fixtures/documents/', import.meta.url);
const entries = (
  parse(readFileSync(new URL('index.yaml', FIXTURES), 'utf8')) as { documents: Entry[] }
).documents;

/** Plain Ajv over the whole document, as Prism's own validator reads it (patterns made JS-safe). */
function compile(profile: 'v1.0.7' | 'v1.0.5'): (type: string, doc: unknown) => boolean {
  const document = structuredClone(prismDocument(profile));
  const safe = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(safe);
    else if (typeof node === 'object' && node !== null) {
      const object = node as JsonObject;
      if (typeof object.pattern === 'string') object.pattern = normalisePattern(object.pattern);
      Object.values(object).forEach(safe);
    }
  };
  safe(document);
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: 'prism' });
  return (type, doc) => ajv.validate({ $ref: `prism#/components/schemas/${type}` }, doc);
}

function kindsIn(node: unknown, path = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => kindsIn(item, `${path}/${i}`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'const' && path.endsWith('/properties/kind') && typeof value === 'string'
      ? [value]
      : kindsIn(value, `${path}/${key}`),
  );
}

describe.each(['v1.0.7', 'v1.0.5'] as const)('the document Prism serves (%s)', (profile) => {
  const validate = compile(profile);
  const mine = entries.filter((entry) => (entry.profile ?? 'v1.0.7') === profile);

  it('accepts every valid fixture and refuses every invalid one, as the spec does', () => {
    expect(mine.length).toBeGreaterThan(5);
    for (const entry of mine) {
      const text = readFileSync(new URL(entry.file, FIXTURES), 'utf8');
      const doc: unknown = entry.file.endsWith('.json') ? JSON.parse(text) : parse(text);
      expect(validate(entry.type, doc), entry.file).toBe(entry.pointer === undefined);
    }
  });

  it("pins each branch's kind inside its allOf, where Prism's generator reads it", () => {
    const schemas = (prismDocument(profile).components as JsonObject).schemas as Record<
      string,
      JsonObject
    >;
    const executable = schemas.Executable!;
    expect(executable.allOf).toBeUndefined(); // each branch brings the base itself
    const branch = (executable.oneOf as JsonObject[])[0]!;
    expect(branch.properties).toBeUndefined();
    expect(JSON.stringify(branch.allOf)).toContain('"const":"https://www.purl.org/ivoa.net/');
    expect(kindsIn(schemas).length).toBeGreaterThan(15);
    expect(Object.keys(schemas.OfferSetResponse!.properties as JsonObject)).not.toContain('kind');
  });

  it('draws patterned strings from their own examples when answers are random', () => {
    const schemas = (prismDocument(profile).components as JsonObject).schemas as Record<
      string,
      JsonObject
    >;
    for (const name of ['ISO8601Duration', 'ISO8601Interval', 'ISO8601Instant']) {
      const schema = schemas[name]!;
      expect(schema['x-faker'], name).toEqual({ 'helpers.arrayElement': [schema.examples] });
    }
  });
});
