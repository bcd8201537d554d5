// Every hand-written document under fixtures/documents/ gets the verdict index.yaml expects,
// and invalid ones are reported at the expected JSON pointer.

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createValidator, formatIssue, type ProfileName } from '../../spec/index.ts';
import { detectDocumentType } from '../../spec/validate-command.ts';
import { getProfile } from '../../spec/profiles.ts';

const DIR = fileURLToPath(new URL('../../fixtures/documents/', import.meta.url));

interface Expectation {
  file: string;
  type: string;
  profile?: ProfileName;
  pointer?: string;
  message?: string;
  also?: string[];
}

const index = parse(readFileSync(join(DIR, 'index.yaml'), 'utf8')) as { documents: Expectation[] };

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [relative(DIR, join(dir, entry.name))],
  );
}

function load(file: string): unknown {
  return parse(readFileSync(join(DIR, file), 'utf8'));
}

describe('fixtures/documents', () => {
  it('index lists every fixture exactly once, and nothing else', () => {
    const listed = index.documents.map((d) => d.file).sort();
    const present = listFiles(DIR)
      .filter((f) => f !== 'index.yaml')
      .sort();
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(present);
  });

  it('covers every document type with valid and invalid examples', () => {
    for (const type of [
      'ExecutionRequest',
      'OfferSetResponse',
      'ExecutionSession',
      'Update',
      'Option',
      'MessageItem',
      'ErrorResponse',
    ]) {
      const of = index.documents.filter((d) => d.type === type);
      expect(
        of.some((d) => d.pointer === undefined),
        `${type} valid`,
      ).toBe(true);
      expect(
        of.some((d) => d.pointer !== undefined),
        `${type} invalid`,
      ).toBe(true);
    }
  });

  for (const doc of index.documents) {
    const profile = doc.profile ?? 'v1.0.7';
    const verdict = doc.pointer === undefined ? 'valid' : `invalid at "${doc.pointer}"`;
    it(`${doc.file} is ${verdict} as ${doc.type} (${profile})`, () => {
      const result = createValidator({ profile }).validate(doc.type, load(doc.file));
      if (doc.pointer === undefined) {
        expect(result.issues.map(formatIssue)).toEqual([]);
        expect(result.valid).toBe(true);
        return;
      }
      expect(result.valid).toBe(false);
      const hit = result.issues.find((issue) => issue.pointer === doc.pointer);
      expect(hit, `issues were: ${result.issues.map(formatIssue).join(' | ')}`).toBeDefined();
      if (doc.message !== undefined) expect(hit?.message).toContain(doc.message);
      for (const pointer of doc.also ?? [])
        expect(result.issues.map((i) => i.pointer)).toContain(pointer);
    });
  }

  it('guesses the type of every valid non-empty document from its shape', () => {
    for (const doc of index.documents.filter(
      (d) => d.pointer === undefined && d.file !== 'requests/valid-empty.yaml',
    )) {
      const profile = getProfile(doc.profile ?? 'v1.0.7');
      expect(detectDocumentType(load(doc.file), profile), doc.file).toBe(doc.type);
    }
  });
});
