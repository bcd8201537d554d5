import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSpecs, formatDiffText } from '../../spec-tools/diff.ts';
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

  it('prints breaking changes first in the text output', () => {
    const text = formatDiffText(
      diffSpecs(`${DEFECTS}discriminator-mapping-not-subtype.yaml`, CLEAN),
    );
    expect(text.indexOf('BREAKING')).toBeLessThan(
      text.indexOf('non-breaking') === -1 ? Infinity : text.indexOf('non-breaking'),
    );
    expect(text).toMatch(/\d+ change\(s\): \d+ breaking/);
  });
});

describe.skipIf(!HAS_UPSTREAM)(
  'spec diff 1.0.5 -> 1.0.7 (skipped: ../shared/upstream absent)',
  () => {
    it('finds the renamed create and direct paths, the new kind URIs and the cost and metric lists', () => {
      const { changes, summary } = diffSpecs(V105, V107);
      const has = (kind: string, change: string, where: string) =>
        changes.some((c) => c.kind === kind && c.change === change && c.where === where);
      expect(has('path', 'removed', '/offersets')).toBe(true);
      expect(has('path', 'added', '/requests')).toBe(true);
      expect(has('path', 'added', '/direct')).toBe(true);
      expect(has('property', 'added', 'schema AbstractComponent')).toBe(true);
      const kinds = changes.filter(
        (c) => c.kind === 'discriminator' && c.where === 'schema AbstractExecutable',
      );
      expect(kinds.filter((c) => c.change === 'removed').map((c) => c.detail)).toContain(
        'kind "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0" removed',
      );
      expect(summary.breaking).toBeGreaterThan(0);
    });
  },
);
