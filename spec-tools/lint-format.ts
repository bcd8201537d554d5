// The text form of a lint report: grouped by rule (see report-groups.ts), or every finding with
// `verbose`. The JSON form is the report itself.
import type { Finding, LintReport } from './lint.ts';
import { formatGroups } from './report-groups.ts';
import type { Group } from './report-groups.ts';
import { LINT_RULES } from './rules/catalogue.ts';

export interface LintTextOptions {
  verbose?: boolean;
}

function groupsOf(findings: Finding[]): Group[] {
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byRule.get(finding.rule) ?? [];
    list.push(finding);
    byRule.set(finding.rule, list);
  }
  return [...byRule].map(([id, list]) => {
    const rule = LINT_RULES.find((candidate) => candidate.id === id);
    // A rule that crashed reports as info whatever its own severity: take the worst seen.
    const severity = list.some((f) => f.severity === 'error')
      ? 'error'
      : list.some((f) => f.severity === 'warning')
        ? 'warning'
        : 'info';
    return {
      severity,
      label: id,
      summary: rule?.summary ?? id,
      fix: rule?.fix ?? '',
      items: list.map((finding) => ({
        location: `${finding.file}:${finding.line}`,
        message: finding.message,
        hint: finding.hint,
        ...(finding.causedBy ? { followsFrom: `[${finding.causedBy.rule}]` } : {}),
      })),
    };
  });
}

export function formatLintText(report: LintReport, options: LintTextOptions = {}): string {
  const { counts } = report;
  const folded = report.findings.filter((finding) => finding.causedBy).length;
  const lines = formatGroups(groupsOf(report.findings), options);
  const rules = Object.keys(report.byRule).length;
  for (const note of report.notes ?? []) lines.push(`note: ${note}`);
  lines.push(
    ...(lines.length > 0 ? [''] : []),
    `${report.target}: ${report.files.length} file(s), ${counts.error} error(s), ${counts.warning} warning(s), ` +
      `${counts.info} info from ${rules} rule(s)` +
      (folded > 0 ? `; ${folded} follow from other findings` : '') +
      (options.verbose || report.findings.length === 0 ? '' : ' (--verbose lists every finding)'),
  );
  return lines.join('\n');
}
