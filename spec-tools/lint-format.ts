// The text form of a lint report: grouped by rule (see report-groups.ts), or every finding with
// `verbose`. The JSON form is the report itself.
import type { Finding, LintReport } from './lint.ts';
import { formatGroups } from './report-groups.ts';
import type { Group } from './report-groups.ts';
import { LINT_RULES } from './rules/catalogue.ts';

export interface LintTextOptions {
  verbose?: boolean;
}

/** Cause rule -> what its findings explain, e.g. `7 × [component-unused]`. */
function explained(findings: Finding[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const { rule, causedBy } of findings) {
    if (!causedBy) continue;
    const effects = counts.get(causedBy.rule) ?? new Map<string, number>();
    effects.set(rule, (effects.get(rule) ?? 0) + 1);
    counts.set(causedBy.rule, effects);
  }
  return new Map(
    [...counts].map(([cause, effects]) => [
      cause,
      [...effects].map(([rule, count]) => `${count} × [${rule}]`).join(', '),
    ]),
  );
}

function groupsOf(findings: Finding[]): Group[] {
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byRule.get(finding.rule) ?? [];
    list.push(finding);
    byRule.set(finding.rule, list);
  }
  const explains = explained(findings);
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
      ...(explains.has(id) ? { explains: explains.get(id) } : {}),
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
