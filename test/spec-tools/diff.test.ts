import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffSpecs } from '../../spec-tools/diff.ts';
import { formatDiffText, renamePattern } from '../../spec-tools/diff/format.ts';
import { DEFECTS, HAS_UPSTREAM, V105, V107 } from './fixtures.ts';

const CLEAN = `${DEFECTS}clean`;

describe('spec diff', () => {
  it('finds no change between a spec and itself', () => {
    expect(diffSpecs(CLEAN, CLEAN).changes).toEqual([]);
  });

  it('refuses a side that does not parse or is no OpenAPI, instead of calling it all removed', () => {
    expect(() => diffSpecs(`${DEFECTS}yaml-syntax.yaml`, CLEAN)).toThrow(
      /yaml-syntax\.yaml:\d+ does not parse .*spec lint/,
    );
    const folder = mkdtempSync(join(tmpdir(), 'eb-diff-'));
    try {
      writeFileSync(join(folder, 'empty.yaml'), '');
      expect(() => diffSpecs(CLEAN, join(folder, 'empty.yaml'))).toThrow(
        /no paths and no components: is it an OpenAPI description\?/,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('calls a new required property of a request schema breaking', () => {
    const { changes } = diffSpecs(CLEAN, `${DEFECTS}required-undefined.yaml`);
    expect(changes).toContainEqual({
      kind: 'required',
      change: 'added',
      where: 'schema Thing',
      detail: 'colour is now required',
      breaking: true,
    });
  });

  it('calls a newly accepted media type non-breaking', () => {
    const { changes } = diffSpecs(CLEAN, `${DEFECTS}body-without-schema.yaml`);
    expect(changes).toEqual([
      {
        kind: 'media-type',
        change: 'added',
        where: 'POST /things request',
        detail: 'accepts application/yaml',
        breaking: false,
      },
    ]);
  });

  it('reports discriminator kinds added and removed, removal breaking', () => {
    const added = diffSpecs(CLEAN, `${DEFECTS}discriminator-mapping-not-subtype.yaml`).changes;
    expect(added).toContainEqual(
      expect.objectContaining({ kind: 'discriminator', change: 'added', where: 'schema Thing' }),
    );
    const removed = diffSpecs(`${DEFECTS}discriminator-mapping-not-subtype.yaml`, CLEAN).changes;
    expect(removed).toContainEqual(
      expect.objectContaining({ kind: 'discriminator', change: 'removed', breaking: true }),
    );
    expect(removed).toContainEqual(
      expect.objectContaining({ kind: 'schema', change: 'removed', where: 'schema Loose' }),
    );
  });

  it('reports an inherited property that a subtype redeclares as retyped, on the subtype only', () => {
    const { changes } = diffSpecs(CLEAN, `${DEFECTS}enum-drift.yaml`);
    expect(changes).toEqual([
      {
        kind: 'property',
        change: 'changed',
        where: 'schema Box',
        detail: 'property phase retyped Phase -> string',
        breaking: true,
      },
    ]);
  });

  it('reports a change made in a parent once, on the parent', () => {
    const { changes } = diffSpecs(CLEAN, `${DEFECTS}required-undefined.yaml`);
    expect(changes.filter((change) => change.kind === 'required')).toHaveLength(1);
  });

  it('prints a summary by category first, then breaking changes, then the rest', () => {
    const text = formatDiffText(
      diffSpecs(`${DEFECTS}discriminator-mapping-not-subtype.yaml`, CLEAN),
    );
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^\d+ change\(s\): \d+ breaking, \d+ non-breaking$/);
    expect(lines[2]).toMatch(/^ {2}\w[\w-]* +\d+ (added|removed|changed|renamed)/);
    expect(text.indexOf('\nBREAKING\n')).toBeGreaterThan(0);
    expect(text.indexOf('\nBREAKING\n')).toBeLessThan(
      text.indexOf('\nnon-breaking\n') === -1 ? Infinity : text.indexOf('\nnon-breaking\n'),
    );
  });

  it('puts a change that repeats in several places on one line, and each on its own with --verbose', () => {
    const report = {
      old: 'a',
      new: 'b',
      changes: ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name) => ({
        kind: 'schema' as const,
        change: 'removed' as const,
        where: `schema ${name}`,
        detail: 'schema removed',
        breaking: true,
      })),
      summary: { total: 7, breaking: 7, nonBreaking: 0 },
    };
    const text = formatDiffText(report);
    expect(text).toContain('  - [schema] 7 × schema removed: A, B, C, D, E, F (+1 more)');
    const verbose = formatDiffText(report, { verbose: true });
    expect(verbose).toContain('  - [schema] schema G: schema removed');
    expect(verbose.match(/schema removed$/gm)).toHaveLength(7);
  });

  it('reads the pattern of kind URI renames that keep the kind name', () => {
    const rename = (from: string, to: string) => ({
      kind: 'discriminator' as const,
      change: 'renamed' as const,
      where: 'schema A',
      detail: '',
      breaking: true,
      from,
      to,
    });
    expect(
      renamePattern(
        rename('https://x.org/types/data/s3-data-1.0', 'https://y.org/kinds/data/s3-data.yaml'),
      ),
    ).toBe('https://x.org/types/{group}/{name}-1.0 -> https://y.org/kinds/{group}/{name}.yaml');
    expect(renamePattern(rename('uri:box', 'uri:crate'))).toBeUndefined();
    expect(renamePattern({ ...rename('uri:a', 'uri:a'), kind: 'path' })).toBeUndefined();
  });

  it('calls an added kind non-breaking: clients must cope with kinds they do not know', () => {
    const { changes } = diffSpecs(CLEAN, `${DEFECTS}discriminator-mapping-not-subtype.yaml`);
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: 'discriminator', change: 'added', breaking: false }),
    );
  });
});

describe('spec diff renames', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'eb-diff-renames-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function variant(name: string, edits: [string, string][]): string {
    let text = readFileSync(`${CLEAN}/openapi.yaml`, 'utf8');
    for (const [from, to] of edits) {
      expect(text).toContain(from);
      text = text.replace(from, to);
    }
    const file = join(scratch, `${name}.yaml`);
    writeFileSync(file, text);
    return file;
  }

  it('pairs a path removed with one added of the same shape into one breaking rename', () => {
    const renamed = variant('path', [['  /things:', '  /items:']]);
    expect(diffSpecs(CLEAN, renamed).changes).toEqual([
      {
        kind: 'path',
        change: 'renamed',
        where: '/items',
        detail: 'renamed from /things (same operations and bodies)',
        breaking: true,
        from: '/things',
        to: '/items',
      },
    ]);
  });

  it('keeps a path whose operations changed as removed and added', () => {
    const moved = variant('moved', [
      ['  /things:', '  /items:'],
      ['operationId: ThingCreate', 'operationId: ThingCreate\n      parameters: []'],
      [
        "          application/json:\n            schema:\n              $ref: '#/components/schemas/Thing'\n      responses",
        "          application/yaml:\n            schema:\n              $ref: '#/components/schemas/Thing'\n      responses",
      ],
    ]);
    const kinds = diffSpecs(CLEAN, moved).changes.map((c) => `${c.kind} ${c.change} ${c.where}`);
    expect(kinds).toEqual(['path added /items', 'path removed /things']);
  });

  it('pairs a kind URI removed with one added for the same schema into one rename', () => {
    const renamed = variant('kind', [["uri:box: '#", "https://example.org/kinds/box: '#"]]);
    expect(diffSpecs(CLEAN, renamed).changes).toEqual([
      {
        kind: 'discriminator',
        change: 'renamed',
        where: 'schema Thing',
        detail: 'kind "uri:box" renamed "https://example.org/kinds/box" (Box)',
        breaking: true,
        from: 'uri:box',
        to: 'https://example.org/kinds/box',
      },
    ]);
  });

  it('calls removing a component no path used non-breaking', () => {
    const extra = variant('extra', [
      ['    Phase:', '    Spare:\n      title: Spare\n      type: string\n    Phase:'],
    ]);
    expect(diffSpecs(extra, CLEAN).changes).toEqual([
      {
        kind: 'schema',
        change: 'removed',
        where: 'schema Spare',
        detail: 'schema removed (no path used it)',
        breaking: false,
      },
    ]);
  });
});

describe.skipIf(!HAS_UPSTREAM)(
  'spec diff 1.0.5 -> 1.0.7 (skipped: ../shared/upstream absent)',
  () => {
    it('finds the renamed create and direct paths, the new kind URIs and the cost and metric lists', () => {
      const { changes, summary } = diffSpecs(V105, V107);
      const has = (kind: string, change: string, where: string) =>
        changes.some((c) => c.kind === kind && c.change === change && c.where === where);
      expect(changes).toContainEqual(
        expect.objectContaining({
          kind: 'path',
          change: 'renamed',
          where: '/requests',
          detail: 'renamed from /offersets (same operations and bodies)',
        }),
      );
      expect(changes).toContainEqual(
        expect.objectContaining({ kind: 'path', change: 'renamed', where: '/direct' }),
      );
      expect(has('path', 'removed', '/offersets')).toBe(false);
      expect(has('property', 'added', 'schema AbstractComponent')).toBe(true);
      const kinds = changes.filter(
        (c) => c.kind === 'discriminator' && c.where === 'schema AbstractExecutable',
      );
      expect(kinds.map((c) => c.change)).toEqual(['renamed', 'renamed', 'renamed']);
      expect(kinds.map((c) => c.detail)).toContain(
        'kind "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0" renamed ' +
          '"https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml" (DockerContainer)',
      );
      expect(changes.filter((c) => c.kind === 'discriminator' && c.change !== 'renamed')).toEqual(
        [],
      );
      expect(summary.breaking).toBeGreaterThan(0);
      const text = formatDiffText(diffSpecs(V105, V107));
      expect(text).toContain(
        '13 × kind URIs renamed https://www.purl.org/ivoa.net/EB/schema/v1.0/types/{group}/{name}-1.0 -> ' +
          'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/{group}/{name}.yaml',
      );
      expect(text.split('\n').length).toBeLessThanOrEqual(30);
    });
  },
);
