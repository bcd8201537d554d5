import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkExamples } from '../../spec-tools/examples.ts';
import { formatExamplesText } from '../../spec-tools/examples/format.ts';
import type { ExampleResult } from '../../spec-tools/examples/types.ts';
import {
  emptyEvidence,
  gatherFromText,
  pickProfile,
} from '../../spec-tools/examples/profile-pick.ts';
import { EXAMPLES } from './fixtures.ts';

const SPEC = `${EXAMPLES}mini-broker.yaml`;

function at(examples: ExampleResult[], file: string, line: number): ExampleResult | undefined {
  return examples.find((example) => example.file.endsWith(file) && example.line === line);
}

describe('spec examples on Markdown code blocks', () => {
  it('validates a plain YAML block whose type it tells from the shape', async () => {
    const { examples } = await checkExamples([`${EXAMPLES}notes.md`], { spec: SPEC });
    expect(at(examples, 'notes.md', 6)).toMatchObject({
      type: 'ExecutionRequest',
      typeFrom: 'shape',
      verdict: 'valid',
      errors: [],
    });
  });

  it('takes the type from an eb-type comment and reports each error with its pointer and line', async () => {
    const { examples } = await checkExamples([`${EXAMPLES}notes.md`], { spec: SPEC });
    const session = at(examples, 'notes.md', 16);
    expect(session).toMatchObject({
      type: 'ExecutionSession',
      typeFrom: 'comment',
      verdict: 'invalid',
    });
    expect(session?.errors).toEqual([
      {
        pointer: '/phase',
        line: 17,
        message: 'must be one of: OFFERED, ACCEPTED, REJECTED, EXPIRED',
      },
    ]);
    expect(session?.warnings.map((warning) => warning.pointer)).toEqual(['/exeutable']);
  });

  it('reports a block that is not JSON at all as unparseable, with its line', async () => {
    const { examples } = await checkExamples([`${EXAMPLES}notes.md`], { spec: SPEC });
    const broken = at(examples, 'notes.md', 25);
    expect(broken?.verdict).toBe('unparseable');
    expect(broken?.errors[0]?.line).toBe(25);
  });

  it('extracts the body of an HTTP transcript and types it from the request line', async () => {
    const { examples } = await checkExamples([`${EXAMPLES}notes.md`], { spec: SPEC });
    expect(at(examples, 'notes.md', 34)).toMatchObject({
      type: 'Update',
      typeFrom: 'http',
      verdict: 'valid',
    });
  });

  it('calls an elided example incomplete instead of judging it', async () => {
    const { examples } = await checkExamples([`${EXAMPLES}notes.md`], { spec: SPEC });
    const elided = at(examples, 'notes.md', 42);
    expect(elided).toMatchObject({ verdict: 'incomplete', type: 'OfferSetResponse', errors: [] });
    expect(elided?.note).toContain('line 44');
  });

  it('leaves shell blocks alone', async () => {
    const { summary } = await checkExamples([`${EXAMPLES}notes.md`], { spec: SPEC });
    expect(summary.total).toBe(5);
  });
});

describe('spec examples on LaTeX listings', () => {
  it('strips highlighting escapes and arrows, then validates', async () => {
    const { examples } = await checkExamples([`${EXAMPLES}listing.tex`], { spec: SPEC });
    const offerSet = at(examples, 'listing.tex', 4);
    expect(offerSet).toMatchObject({ type: 'OfferSetResponse', verdict: 'invalid' });
    expect(offerSet?.errors).toEqual([
      { pointer: '/result', line: 5, message: 'must be one of: YES, NO' },
    ]);
  });

  it('skips commented-out listings and calls a bare URL not a document', async () => {
    const { examples, summary } = await checkExamples([`${EXAMPLES}listing.tex`], { spec: SPEC });
    expect(summary.total).toBe(2);
    expect(at(examples, 'listing.tex', 20)?.verdict).toBe('not-a-document');
  });

  it('summarises every verdict in the text output', async () => {
    const report = await checkExamples([`${EXAMPLES}notes.md`, `${EXAMPLES}listing.tex`], {
      spec: SPEC,
    });
    const text = formatExamplesText(report, { verbose: true });
    expect(text).toContain('7 example(s): 2 valid, 2 invalid, 1 incomplete, 1 unparseable');
    expect(text).toContain('notes.md:16: INVALID ExecutionSession (from comment)');
  });
});

describe('spec examples without --spec', () => {
  it("uses spec/'s validator with the chosen profile", async () => {
    const report = await checkExamples([`${EXAMPLES}notes.md`], { profile: 'v1.0.7' });
    expect(report.validator).toBe('spec-module');
    expect(report.profile).toBe('v1.0.7');
    expect(at(report.examples, 'notes.md', 16)?.verdict).toBe('invalid');
  });
});

describe('spec examples text output', () => {
  it('groups the verdicts as lint groups its findings, with paths relative to the input', async () => {
    const report = await checkExamples([EXAMPLES], { spec: SPEC });
    const text = formatExamplesText(report);
    expect(text).toContain(
      'error [invalid] 2 × /phase must be one of: OFFERED, ACCEPTED, REJECTED, EXPIRED\n' +
        '  at notes.md:17, mini-broker.yaml:46\n',
    );
    expect(text).toContain('error [invalid] /result must be one of: YES, NO\n  at listing.tex:5\n');
    expect(text).not.toContain(`${EXAMPLES}notes.md`);
    const heads = text.split('\n').filter((line) => /^\w+ \[/.test(line));
    const severities = heads.map((line) => line.slice(0, line.indexOf(' ')));
    const rank = ['error', 'warning', 'info', 'ok'];
    expect(severities.map((s) => rank.indexOf(s))).toEqual(
      [...severities.map((s) => rank.indexOf(s))].sort((a, b) => a - b),
    );
  });

  it('reads a folder whole, including the examples written in its description', async () => {
    const report = await checkExamples([EXAMPLES], { spec: SPEC });
    const files = new Set(report.examples.map((example) => example.file));
    expect(files).toEqual(new Set(['notes.md', 'listing.tex', 'mini-broker.yaml']));
    const embedded = report.examples.filter((example) => example.typeFrom === 'schema');
    expect(embedded.map((e) => [e.line, e.verdict, e.type])).toEqual([
      [44, 'valid', 'Session'],
      [46, 'invalid', 'Session'],
    ]);
    expect(embedded[1]?.errors).toEqual([
      {
        pointer: '/phase',
        line: 46,
        message: 'must be one of: OFFERED, ACCEPTED, REJECTED, EXPIRED',
      },
    ]);
    expect(formatExamplesText(report)).toContain('written in an OpenAPI description');
  });
});

describe('spec examples picks the profile from what it reads', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'eb-examples-profile-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    writeFileSync(join(scratch, name), text);
    return join(scratch, name);
  };

  it('takes the version whose kind URIs the examples use', async () => {
    const v105 = write(
      'v105.md',
      '```yaml\nexecutable:\n  kind: https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0\n```\n',
    );
    const report = await checkExamples([v105]);
    expect(report.profile).toBe('v1.0.5');
    expect(report.profileReason).toBe('1 kind URI of v1.0.5 in the inputs');
  });

  it('reads a `type` discriminator, and a LaTeX document, as the 2025 draft', async () => {
    const typed = write(
      'typed.md',
      '```yaml\nexecutable:\n  type: uri:docker-container-1.0\n```\n',
    );
    expect((await checkExamples([typed])).profile).toBe('wd-2025');
    const tex = write('draft.tex', '\\begin{lstlisting}\nexecutable: {}\n\\end{lstlisting}\n');
    expect(await checkExamples([tex])).toMatchObject({
      profile: 'wd-2025',
      profileReason: 'a LaTeX document: the IVOA draft',
    });
  });

  it('ignores the URIs every version shares, and falls back to the default', () => {
    const evidence = emptyEvidence();
    gatherFromText('{"kind": "uri:enum-value-update", "path": "phase"}', evidence);
    expect(evidence.kindUris).toEqual(['uri:enum-value-update']);
    expect(pickProfile(evidence).profile).toBe('v1.0.7');
    expect(pickProfile(emptyEvidence()).reason).toBe(
      'nothing in the inputs names a version: the default',
    );
  });

  it('lets --profile override the pick, and refuses an unknown profile', async () => {
    const report = await checkExamples([`${EXAMPLES}notes.md`], { profile: 'v1.0.5' });
    expect(report.profile).toBe('v1.0.5');
    expect(report.profileReason).toBe('named with --profile');
    await expect(checkExamples([`${EXAMPLES}notes.md`], { profile: 'v9' })).rejects.toThrow(
      /unknown profile "v9" \(expected one of v1.0.7, v1.0.5, wd-2025\)/,
    );
  });
});
