import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintSpec } from '../../spec-tools/lint.ts';
import { LINT_RULES } from '../../spec-tools/rules/catalogue.ts';
import { DEFECTS } from './fixtures.ts';

function fixtureFor(ruleId: string): string {
  const folder = `${DEFECTS}${ruleId}`;
  return existsSync(folder) ? folder : `${folder}.yaml`;
}

describe('spec lint on the planted-defect specs', () => {
  it('finds nothing at all in the clean base spec', async () => {
    const report = await lintSpec(`${DEFECTS}clean`);
    expect(report.findings).toEqual([]);
    expect(report.roots).toEqual(['openapi.yaml']);
  });

  it('finds nothing in the clean counterpart of the discriminator-key rules', async () => {
    const report = await lintSpec(`${DEFECTS}clean-kinds`);
    expect(report.findings).toEqual([]);
    expect(report.files).toEqual(['kinds/box-1.0.yaml', 'kinds/crate-1.0.yaml', 'openapi.yaml']);
  });

  it('has one planted-defect fixture for every rule', () => {
    for (const rule of LINT_RULES) expect(existsSync(fixtureFor(rule.id)), rule.id).toBe(true);
  });

  it.each(LINT_RULES.map((rule) => [rule.id, rule.severity] as const))(
    '%s fires on its planted defect, and no other rule does',
    async (ruleId, severity) => {
      const report = await lintSpec(fixtureFor(ruleId));
      expect(Object.keys(report.byRule)).toEqual([ruleId]);
      const [finding] = report.findings;
      expect(finding?.severity).toBe(severity);
      expect(finding?.line).toBeGreaterThan(1);
      expect(finding?.message.length).toBeGreaterThan(10);
      expect(finding?.hint.length).toBeGreaterThan(10);
    },
  );

  it('points each finding at the line of the planted defect', async () => {
    const cases: [string, string][] = [
      ['ref-bare-name', '$ref: Phase'],
      ['required-undefined', 'required: [kind, colour]'],
      ['pattern-js-incompatible', '(?>'],
      ['title-mismatch', 'title: Crate'],
      ['keyword-non-standard', 'name: Thing'],
    ];
    const { readFileSync } = await import('node:fs');
    for (const [ruleId, text] of cases) {
      const lines = readFileSync(fixtureFor(ruleId), 'utf8').split('\n');
      const expected = lines.findIndex((line) => line.includes(text)) + 1;
      const report = await lintSpec(fixtureFor(ruleId));
      expect(report.findings[0]?.line, ruleId).toBe(expected);
    }
  });

  it('suggests the reference a bare name was meant to be', async () => {
    const report = await lintSpec(fixtureFor('ref-bare-name'));
    expect(report.findings[0]?.hint).toContain("'#/components/schemas/Phase'");
  });

  it('offers the JavaScript-safe rewrite of an atomic group', async () => {
    const report = await lintSpec(fixtureFor('pattern-js-incompatible'));
    expect(report.findings[0]?.hint).toContain('(?:[A-Z]{3})');
  });

  it('runs only the rules asked for', async () => {
    const report = await lintSpec(fixtureFor('title-mismatch'), { rules: ['ref-unresolved'] });
    expect(report.findings).toEqual([]);
  });
});

describe('pattern counter-examples', () => {
  it('reports a counter-example the pattern accepts', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const folder = mkdtempSync(join(tmpdir(), 'eb-counter-'));
    try {
      const file = join(folder, 'counter.yaml');
      writeFileSync(
        file,
        [
          'openapi: 3.1.0',
          'components:',
          '  schemas:',
          '    Code:',
          '      title: Code',
          '      type: string',
          "      pattern: '^[A-Z]+'",
          "      examples: ['ABC']",
          "      x-counter-examples: ['ABC-1', 'abc']",
        ].join('\n'),
      );
      const report = await lintSpec(file);
      expect(report.findings).toEqual([
        expect.objectContaining({
          rule: 'pattern-example-mismatch',
          line: 9,
          message: 'counter-example "ABC-1" is accepted by the pattern',
        }),
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
