// The discriminator-key rules: kind URIs that name files (learnt from the keys that do), and
// keys that disagree with the schema they map to, by file or by title.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintSpec } from '../../spec-tools/lint.ts';
import { keySlug } from '../../spec-tools/rules/mapping-keys.ts';
import { DEFECTS } from './fixtures.ts';

const scratch = mkdtempSync(join(tmpdir(), 'eb-mapping-keys-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of clean-kinds/ with one text replaced in its root file. */
function variant(name: string, from: string, to: string): string {
  const folder = join(scratch, name);
  cpSync(`${DEFECTS}clean-kinds`, folder, { recursive: true });
  const root = join(folder, 'openapi.yaml');
  const text = readFileSync(root, 'utf8');
  expect(text).toContain(from);
  writeFileSync(root, text.replace(from, to));
  return folder;
}

describe('discriminator mapping keys', () => {
  it('reads the kind name out of a key', () => {
    expect(keySlug('https://x.org/kinds/data/S3-data-resource-1.0')).toBe('S3-data-resource');
    expect(keySlug('https://x.org/kinds/compute/simple-compute-resource.yaml')).toBe(
      'simple-compute-resource',
    );
    expect(keySlug('uri:enum-value-option')).toBe('enum-value-option');
    expect(keySlug('https://x.org/kinds/')).toBeUndefined();
  });

  it('says which file a key names that is missing, and where the kind is written', async () => {
    const report = await lintSpec(`${DEFECTS}discriminator-key-unresolved`);
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'discriminator-key-unresolved',
        file: 'openapi.yaml',
        line: 37,
        message:
          'kind "https://example.org/things/kinds/crate-2.0" names kinds/crate-2.0, which does not exist',
        hint: 'Crate is written in kinds/crate-1.0.yaml: name that file in the kind URI',
      }),
    ]);
  });

  it('finds a key that names one kind file while mapping to the schema of another', async () => {
    const folder = variant(
      'crossed',
      "crate-1.0: './kinds/crate-1.0.yaml#/components/schemas/Crate'",
      "crate-1.0: './kinds/box-1.0.yaml#/components/schemas/Box'",
    );
    const report = await lintSpec(folder);
    const messages = report.findings.map((finding) => `${finding.rule}: ${finding.message}`);
    expect(messages).toContain(
      'discriminator-key-mismatch: kind "https://example.org/things/kinds/crate-1.0" names kinds/crate-1.0.yaml, but maps to Box in kinds/box-1.0.yaml',
    );
    expect(messages).toContain(
      'discriminator-key-mismatch: kind "https://example.org/things/kinds/crate-1.0" says crate, but the schema it maps to (Box) is titled "Box"',
    );
  });

  it('judges keys relative to the base file when they are paths, not URIs', async () => {
    const folder = variant(
      'relative',
      'https://example.org/things/kinds/crate-1.0:',
      './kinds/crates-1.0.yaml:',
    );
    const report = await lintSpec(folder);
    expect(report.findings.map((finding) => finding.rule)).toContain(
      'discriminator-key-unresolved',
    );
  });

  it('leaves keys alone whose URI prefix names no file at all', async () => {
    const folder = variant(
      'foreign',
      'https://example.org/things/kinds/crate-1.0:',
      'https://elsewhere.example/registry/crate:',
    );
    const report = await lintSpec(folder);
    expect(report.findings).toEqual([]);
  });

  it('folds a title disagreement under the missing file it comes with', async () => {
    const folder = variant(
      'both',
      'https://example.org/things/kinds/crate-1.0:',
      'https://example.org/things/kinds/chest-1.0:',
    );
    const report = await lintSpec(folder);
    const unresolved = report.findings.find((f) => f.rule === 'discriminator-key-unresolved');
    const mismatch = report.findings.find((f) => f.rule === 'discriminator-key-mismatch');
    expect(unresolved?.causedBy).toBeUndefined();
    expect(mismatch?.causedBy).toEqual({
      rule: 'discriminator-key-unresolved',
      file: 'openapi.yaml',
      line: 37,
    });
  });
});
