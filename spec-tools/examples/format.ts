// The text form of an examples report. By default grouped the way lint groups its findings (one
// group per verdict and reason: every distinct validation error is its own group, with the
// examples that share it); `verbose` lists every example with all its errors and warnings.
import { formatGroups } from '../report-groups.ts';
import type { Group, GroupSeverity } from '../report-groups.ts';
import type { ExampleResult, ExamplesReport, ExampleVerdict } from './types.ts';

export interface ExamplesTextOptions {
  verbose?: boolean;
}

const VERDICTS: Record<ExampleVerdict, { severity: GroupSeverity; fix: string }> = {
  invalid: {
    severity: 'error',
    fix: 'correct the example, or the schema if the example shows what was meant',
  },
  unparseable: { severity: 'error', fix: 'fix the YAML/JSON of the example' },
  'unknown-type': {
    severity: 'warning',
    fix: 'add a "# eb-type: <Type>" comment to say what it is',
  },
  incomplete: { severity: 'info', fix: '' },
  'not-a-document': { severity: 'info', fix: '' },
  valid: { severity: 'ok', fix: '' },
};

function typeOf(example: ExampleResult): string {
  return example.type
    ? `${example.type}${example.typeFrom ? ` (from ${example.typeFrom})` : ''}`
    : '-';
}

/** Line numbers and quoted values make reasons differ that are one problem: drop them. */
function reasonOf(text: string): string {
  return text.replace(/ \(line \d+\)/g, '');
}

function groupsOf(examples: ExampleResult[]): Group[] {
  const groups = new Map<string, Group>();
  const add = (key: string, make: () => Group, location: string, message: string) => {
    const group = groups.get(key) ?? make();
    group.items.push({ location, message });
    groups.set(key, group);
  };
  const plain = (label: string, severity: GroupSeverity, summary: string, fix: string) => () => ({
    label,
    severity,
    summary,
    fix,
    items: [],
  });
  for (const example of examples) {
    const where = `${example.file}:${example.line}`;
    const { severity, fix } = VERDICTS[example.verdict];
    if (example.verdict === 'invalid' || example.verdict === 'unparseable') {
      for (const error of example.errors) {
        const summary = `${error.pointer || '/'} ${reasonOf(error.message)}`;
        const at = `${example.file}:${error.line ?? example.line}`;
        add(
          `${example.verdict}|${summary}`,
          plain(example.verdict, severity, summary, fix),
          at,
          summary,
        );
      }
    } else {
      const summary =
        example.verdict === 'valid'
          ? `valid ${typeOf(example)}`
          : reasonOf(example.note ?? example.verdict);
      add(
        `${example.verdict}|${summary}`,
        plain(example.verdict, severity, summary, fix),
        where,
        summary,
      );
    }
    for (const warning of example.warnings) {
      const summary = `${warning.pointer} ${warning.message}`;
      const at = `${example.file}:${warning.line ?? example.line}`;
      add(
        `warning|${summary}`,
        plain('unknown-property', 'warning', summary, 'use the property names the schema defines'),
        at,
        summary,
      );
    }
  }
  return [...groups.values()];
}

function verboseLines(report: ExamplesReport): string[] {
  const lines: string[] = [];
  for (const example of report.examples) {
    lines.push(
      `${example.file}:${example.line}: ${example.verdict.toUpperCase()} ${typeOf(example)}`,
    );
    if (example.note) lines.push(`    ${example.note}`);
    for (const [kind, issues] of [
      ['error', example.errors],
      ['warning', example.warnings],
    ] as const) {
      for (const issue of issues)
        lines.push(
          `    ${kind} ${issue.pointer || '/'}${issue.line ? ` (line ${issue.line})` : ''}: ${issue.message}`,
        );
    }
  }
  return lines;
}

function embeddedNote(report: ExamplesReport): string[] {
  const count = report.examples.filter((example) => example.typeFrom === 'schema').length;
  return count === 0
    ? []
    : [`${count} example(s) written in an OpenAPI description: checked against that description`];
}

export function formatExamplesText(
  report: ExamplesReport,
  options: ExamplesTextOptions = {},
): string {
  const { summary } = report;
  const body = options.verbose ? verboseLines(report) : formatGroups(groupsOf(report.examples));
  return [
    `spec: ${report.spec} (validator: ${report.validator})`,
    `profile: ${report.profile} (${report.profileReason})`,
    ...embeddedNote(report),
    '',
    ...body,
    ...(body.length > 0 ? [''] : []),
    `${summary.total} example(s): ${summary.valid} valid, ${summary.invalid} invalid, ${summary.incomplete} incomplete, ` +
      `${summary.unparseable} unparseable, ${summary['unknown-type']} of unknown type, ${summary['not-a-document']} not documents` +
      (options.verbose || summary.total === 0 ? '' : ' (--verbose lists every example)'),
  ].join('\n');
}
