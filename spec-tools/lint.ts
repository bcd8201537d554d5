// `eb-conform spec lint`: every rule over a spec set, findings sorted by file and line.
import { openSpecSet } from './load/spec-set.ts';
import { LINT_RULES } from './rules/catalogue.ts';
import type { LintRule, Severity } from './rules/rule.ts';
import { createSchemaChecker } from './schema-check.ts';
import type { SchemaChecker } from './schema-check.ts';

export interface Finding {
  rule: string;
  severity: Severity;
  /** Path relative to the linted folder (or the linted file's folder). */
  file: string;
  line: number;
  /** JSON pointer inside the file. */
  pointer: string;
  message: string;
  hint: string;
}

export interface LintReport {
  target: string;
  files: string[];
  roots: string[];
  findings: Finding[];
  counts: Record<Severity, number>;
  byRule: Record<string, number>;
}

export interface LintOptions {
  /** Run only these rule ids. */
  rules?: string[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export async function lintSpec(target: string, options: LintOptions = {}): Promise<LintReport> {
  const set = openSpecSet(target);
  let checker: SchemaChecker | undefined;
  const context = {
    set,
    schemaChecker: () => (checker ??= createSchemaChecker(set)),
  };
  const selected: readonly LintRule[] = options.rules
    ? LINT_RULES.filter((rule) => options.rules?.includes(rule.id))
    : LINT_RULES;

  const findings: Finding[] = [];
  for (const rule of selected) {
    let raw;
    try {
      raw = rule.check(context);
    } catch (error) {
      // A rule tripping over a strange document must not hide what the other rules found.
      raw = [
        {
          file: set.origin,
          pointer: '',
          message: `rule crashed: ${(error as Error).message}`,
          hint: 'report this as a bug in eb-conform',
          severity: 'info' as const,
        },
      ];
    }
    for (const finding of raw) {
      findings.push({
        rule: rule.id,
        severity: finding.severity ?? rule.severity,
        file: set.display(finding.file),
        line: finding.line ?? set.file(finding.file)?.lineOf(finding.pointer) ?? 1,
        pointer: finding.pointer,
        message: finding.message,
        hint: finding.hint,
      });
    }
  }
  findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.rule.localeCompare(b.rule),
  );
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byRule: Record<string, number> = {};
  for (const finding of findings) {
    counts[finding.severity]++;
    byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  }
  return {
    target,
    files: [...set.files.keys()].map((file) => set.display(file)).sort(),
    roots: set.roots.map((root) => set.display(root)),
    findings,
    counts,
    byRule,
  };
}

export function formatLintText(report: LintReport): string {
  const lines = report.findings.map(
    (f) => `${f.file}:${f.line}: ${f.severity} [${f.rule}] ${f.message}\n    fix: ${f.hint}`,
  );
  const rules = Object.entries(report.byRule)
    .sort(([, a], [, b]) => b - a)
    .map(([rule, count]) => `${rule} ${count}`)
    .join(', ');
  lines.push(
    '',
    `${report.files.length} file(s), ${report.counts.error} error(s), ${report.counts.warning} warning(s), ` +
      `${report.counts.info} info${rules ? ` [${rules}]` : ''}`,
  );
  return lines.join('\n');
}
