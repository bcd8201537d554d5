// The text form of a lint report: one group per rule, most severe and most frequent first, one
// fix per group, the first places and how many more; consequences counted under their cause.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLintText } from '../../spec-tools/lint-format.ts';
import type { Finding, LintReport } from '../../spec-tools/lint.ts';
import { lintSpec } from '../../spec-tools/lint.ts';

function finding(
  rule: string,
  severity: Finding['severity'],
  line: number,
  extra: Partial<Finding> = {},
): Finding {
  return {
    rule,
    severity,
    file: 'openapi.yaml',
    line,
    pointer: `/x/${line}`,
    message: `${rule} message at ${line}`,
    hint: `${rule} hint`,
    ...extra,
  };
}

function report(findings: Finding[]): LintReport {
  const counts = { error: 0, warning: 0, info: 0 };
  const byRule: Record<string, number> = {};
  for (const f of findings) {
    counts[f.severity]++;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  return {
    target: 'draft/',
    files: ['openapi.yaml'],
    roots: ['openapi.yaml'],
    findings,
    counts,
    byRule,
  };
}

const MANY = [
  ...[1, 2, 3, 4, 5, 6].map((line) => finding('title-mismatch', 'warning', line)),
  finding('ref-malformed', 'error', 7),
  ...[8, 9].map((line) => finding('ref-bare-name', 'error', line, { hint: `write ${line}` })),
  finding('component-unused', 'info', 10, {
    causedBy: { rule: 'ref-bare-name', file: 'openapi.yaml', line: 8 },
  }),
  finding('component-unused', 'info', 11),
];

describe('lint text output', () => {
  it('orders groups by severity, then by count', () => {
    const heads = formatLintText(report(MANY))
      .split('\n')
      .filter((line) => /^\w+ \[/.test(line))
      .map((line) => line.slice(0, line.indexOf(']') + 1));
    expect(heads).toEqual([
      'error [ref-bare-name]',
      'error [ref-malformed]',
      'warning [title-mismatch]',
      'info [component-unused]',
    ]);
  });

  it('shows a big group as its count, one fix and the first three places', () => {
    const text = formatLintText(report(MANY));
    expect(text).toContain(
      "warning [title-mismatch] 6 × a component schema's title differs from its name\n" +
        '  at openapi.yaml:1, openapi.yaml:2, openapi.yaml:3 (+3 more)\n' +
        '  fix: title-mismatch hint',
    );
    expect(text.match(/title-mismatch hint/g)).toHaveLength(1);
  });

  it("gives a rule's own fix when its findings' hints differ, and lists small groups whole", () => {
    const text = formatLintText(report(MANY));
    expect(text).toContain('  openapi.yaml:8: ref-bare-name message at 8\n  openapi.yaml:9:');
    expect(text).toContain(
      "  fix: write references with a JSON pointer: '#/components/schemas/Name'",
    );
  });

  it('shows a single finding with its own message and hint', () => {
    expect(formatLintText(report(MANY))).toContain(
      'error [ref-malformed] ref-malformed message at 7\n  at openapi.yaml:7\n  fix: ref-malformed hint',
    );
  });

  it('counts the findings that follow from another without listing them', () => {
    const text = formatLintText(report(MANY));
    expect(text).toContain(
      'info [component-unused] 2 × component schema that no path reaches (through refs and discriminator mappings)\n' +
        '  openapi.yaml:11: component-unused message at 11\n' +
        '  (1 follow from [ref-bare-name] above, not listed)',
    );
    expect(text).not.toContain('message at 10');
    expect(text).toContain('  (also explains 1 × [component-unused])');
    expect(text).toContain('; 1 follow from other findings');
  });

  it('lists every finding, with its own hint, under --verbose', () => {
    const text = formatLintText(report(MANY), { verbose: true });
    for (const line of [1, 2, 3, 4, 5, 6, 11]) expect(text).toContain(`message at ${line}`);
    expect(text).toContain('message at 10 (follows from [ref-bare-name])');
    expect(text).toContain('    fix: write 8');
    expect(text).not.toContain('--verbose lists');
  });

  it('prints the files a remote description named but could not be fetched', () => {
    const text = formatLintText({
      ...report([]),
      notes: ['cannot fetch http://x/a.yaml: HTTP 500'],
    });
    expect(text.split('\n')[0]).toBe('note: cannot fetch http://x/a.yaml: HTTP 500');
  });

  it('says in one line that a spec is clean', () => {
    expect(formatLintText(report([]))).toBe(
      'draft/: 1 file(s), 0 error(s), 0 warning(s), 0 info from 0 rule(s)',
    );
  });
});

describe('lint report as JSON', () => {
  it('keeps a finding that follows from another, with its cause', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'eb-lint-json-'));
    try {
      const file = join(folder, 'openapi.yaml');
      writeFileSync(
        file,
        [
          'openapi: 3.1.0',
          'info: { title: t, version: "1" }',
          'paths:',
          '  /things:',
          '    get:',
          '      responses:',
          '        "200":',
          '          description: a thing',
          '          content:',
          '            application/json:',
          "              schema: { $ref: './parts.yaml#/components/schemas/Thing' }",
          'components:',
          '  schemas:',
          '    Thing: { title: Thing, type: object }',
        ].join('\n'),
      );
      const result = await lintSpec(folder);
      expect(result.findings).toEqual([
        expect.objectContaining({ rule: 'ref-unresolved', line: 11 }),
        expect.objectContaining({
          rule: 'component-unused',
          line: 14,
          causedBy: { rule: 'ref-unresolved', file: 'openapi.yaml', line: 11 },
        }),
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
