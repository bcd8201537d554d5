import { describe, expect, it } from 'vitest';
import { checkExamples, formatExamplesText } from '../../spec-tools/examples.ts';
import type { ExampleResult } from '../../spec-tools/examples.ts';
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
    const text = formatExamplesText(report);
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
