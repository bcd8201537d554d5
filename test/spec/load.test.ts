// loadSpec bundles single files and multi-file folders into one document with local $refs only,
// resolves bare-name $refs by name with a warning, and fails clearly on what it cannot read.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, type JsonObject } from '../../spec/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'eb-spec-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const full = join(dir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
}

const schemasOf = (doc: JsonObject): Record<string, JsonObject> =>
  (doc.components as { schemas: Record<string, JsonObject> }).schemas;

describe('loadSpec', () => {
  it('loads the project spec by default, once', () => {
    const a = loadSpec();
    expect(a).toBe(loadSpec());
    expect(a.root).toMatch(/spec\/execution-broker\.yaml$/);
    expect(a.document.openapi).toBe('3.1.0');
  });

  it('bundles a folder: external schemas move into components.schemas, refs become local', () => {
    const folder = join(dir, 'multi');
    write(
      'multi/api.yaml',
      `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /things:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: './parts/things.yaml#/components/schemas/Thing' }
components:
  schemas:
    Local: { type: string }
`,
    );
    write(
      'multi/parts/things.yaml',
      `components:
  schemas:
    Thing:
      type: object
      properties:
        child: { $ref: '#/components/schemas/Child' }
        local: { $ref: '../api.yaml#/components/schemas/Local' }
        size: { $ref: './units.yaml#/Size' }
    Child:
      type: object
      properties:
        parent: { $ref: '#/components/schemas/Thing' }
`,
    );
    write('multi/parts/units.yaml', 'Size: { type: integer, minimum: 0 }\n');
    const spec = loadSpec(folder);
    const schemas = schemasOf(spec.document);
    expect(Object.keys(schemas).sort()).toEqual(['Child', 'Local', 'Thing']);
    expect(schemas.Thing?.properties).toEqual({
      child: { $ref: '#/components/schemas/Child' },
      local: { $ref: '#/components/schemas/Local' },
      size: { type: 'integer', minimum: 0 },
    });
    expect(schemas.Child?.properties).toEqual({ parent: { $ref: '#/components/schemas/Thing' } });
    expect(spec.files).toHaveLength(3);
    expect(spec.warnings).toEqual([]);
  });

  it('resolves bare-name refs by name, warns, and cuts unresolvable ones', () => {
    const file = write(
      'bare/openapi.yaml',
      `openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    A: { $ref: 'B' }
    B: { type: string }
    C: { $ref: 'Missing' }
`,
    );
    const spec = loadSpec(file);
    const schemas = schemasOf(spec.document);
    expect(schemas.A).toEqual({ $ref: '#/components/schemas/B' });
    expect(schemas.C).toEqual({ 'x-eb-unresolved': 'Missing' });
    expect(spec.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining("bare $ref 'B' resolved by name"),
        expect.stringContaining("bare $ref 'Missing' cannot be resolved (no file defines it)"),
      ]),
    );
  });

  it('renames clashing schema names from different files', () => {
    const file = write(
      'clash/api.yaml',
      `openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    Item: { type: string }
    Other: { $ref: './other.yaml#/components/schemas/Item' }
`,
    );
    write('clash/other.yaml', 'components: { schemas: { Item: { type: integer } } }\n');
    const spec = loadSpec(file);
    const schemas = schemasOf(spec.document);
    expect(schemas.Item).toEqual({ type: 'string' });
    expect(schemas.Other).toEqual({ $ref: '#/components/schemas/Item-other' });
    expect(schemas['Item-other']).toEqual({ type: 'integer' });
  });

  it('repairs patterns and duplicate keys, saying so', () => {
    const file = write(
      'repair/api.yaml',
      `openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    T:
      type: string
      type: string
      pattern: '^(?>a+)$'
`,
    );
    const spec = loadSpec(file);
    expect(schemasOf(spec.document).T?.pattern).toBe('^(?:a+)$');
    expect(spec.warnings.some((w) => w.includes('atomic group'))).toBe(true);
    expect(spec.warnings.some((w) => w.includes('kept the last value'))).toBe(true);
  });

  it('fails clearly on a missing path, a folder without an API, or a file that is not YAML', () => {
    expect(() => loadSpec(join(dir, 'nowhere'))).toThrow(/no such file or folder/);
    mkdirSync(join(dir, 'empty'), { recursive: true });
    expect(() => loadSpec(join(dir, 'empty'))).toThrow(/no OpenAPI file with paths found/);
    expect(() => loadSpec(write('broken.yaml', 'a: [\n'))).toThrow(/cannot parse/);
    expect(() => loadSpec(write('scalar.yaml', '42\n'))).toThrow(/not an OpenAPI document/);
  });

  it('reports a $ref to a missing file instead of throwing', () => {
    const file = write(
      'dangling/api.yaml',
      `openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
components: { schemas: { X: { $ref: './gone.yaml#/components/schemas/Y' } } }
`,
    );
    const spec = loadSpec(file);
    expect(schemasOf(spec.document).X).toEqual({
      'x-eb-unresolved': './gone.yaml#/components/schemas/Y',
    });
    expect(spec.warnings.some((w) => w.includes('names a missing file'))).toBe(true);
  });
});
