// The text form of a diff: a summary by category first (how many of each kind of change, and how
// many of those break old clients), then the breaking changes, then the rest.
import type { Change, ChangeKind } from './change.ts';

export interface DiffReport {
  old: string;
  new: string;
  changes: Change[];
  summary: { total: number; breaking: number; nonBreaking: number };
}

const SIGNS: Record<Change['change'], string> = {
  added: '+',
  removed: '-',
  changed: '~',
  renamed: '>',
};

function summaryLines(changes: Change[]): string[] {
  const byKind = new Map<ChangeKind, Change[]>();
  for (const change of changes)
    byKind.set(change.kind, [...(byKind.get(change.kind) ?? []), change]);
  const width = Math.max(...[...byKind.keys()].map((kind) => kind.length));
  return [...byKind]
    .sort(([, a], [, b]) => b.length - a.length)
    .map(([kind, list]) => {
      const counts = new Map<string, number>();
      for (const change of list) counts.set(change.change, (counts.get(change.change) ?? 0) + 1);
      const what = [...counts].map(([change, count]) => `${count} ${change}`).join(', ');
      const breaking = list.filter((change) => change.breaking).length;
      return `  ${kind.padEnd(width)}  ${what}${breaking > 0 ? ` (${breaking} breaking)` : ''}`;
    });
}

export function formatDiffText(report: DiffReport): string {
  const { summary } = report;
  const lines = [
    `${report.old} -> ${report.new}`,
    `${summary.total} change(s): ${summary.breaking} breaking, ${summary.nonBreaking} non-breaking`,
    ...summaryLines(report.changes),
    '',
  ];
  for (const breaking of [true, false]) {
    const selected = report.changes.filter((change) => change.breaking === breaking);
    if (selected.length === 0) continue;
    lines.push(breaking ? 'BREAKING' : 'non-breaking');
    for (const change of selected)
      lines.push(`  ${SIGNS[change.change]} [${change.kind}] ${change.where}: ${change.detail}`);
    lines.push('');
  }
  if (report.changes.length === 0) lines.push('no changes');
  return lines.join('\n').trimEnd();
}
