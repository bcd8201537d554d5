// The text form of a diff: a summary by category first (how many of each kind of change, and how
// many of those break old clients), then the breaking changes, then the rest, each change that
// repeats in several places (a schema removed, a body retyped in every media type) on one line.
import { keySlug } from '../rules/mapping-keys.ts';
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

export interface DiffTextOptions {
  /** One line per change, instead of one per kind of change. */
  verbose?: boolean;
}

/**
 * The pattern of a kind URI rename, when the kind keeps its name: `.../types/compute/
 * simple-compute-resource-1.0` -> `.../kinds/compute/simple-compute-resource.yaml` is
 * `.../types/{group}/{name}-1.0 -> .../kinds/{group}/{name}.yaml`.
 */
export function renamePattern(change: Change): string | undefined {
  if (change.kind !== 'discriminator' || change.change !== 'renamed') return undefined;
  if (change.from === undefined || change.to === undefined) return undefined;
  const name = keySlug(change.from);
  if (name === undefined || keySlug(change.to) !== name) return undefined;
  const [from, to] = [change.from.split('/'), change.to.split('/')];
  const group = from.length > 1 && from.at(-2) === to.at(-2) ? from.at(-2) : undefined;
  const template = (segments: string[]) =>
    segments
      .map((segment, index) => {
        if (index === segments.length - 1) return segment.replace(name, '{name}');
        return group !== undefined && index === segments.length - 2 ? '{group}' : segment;
      })
      .join('/');
  return `${template(from)} -> ${template(to)}`;
}

/** Changes that say the same thing in different places, in the order first seen. */
function sameChanges(changes: Change[]): Change[][] {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const pattern = renamePattern(change);
    const key = pattern ?? `${change.kind}|${change.change}|${change.detail}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return [...groups.values()];
}

function changeLines(changes: Change[], verbose: boolean): string[] {
  const shown = 6;
  return (verbose ? changes.map((change) => [change]) : sameChanges(changes)).map((group) => {
    const [first] = group as [Change];
    const head = `  ${SIGNS[first.change]} [${first.kind}]`;
    if (group.length === 1) return `${head} ${first.where}: ${first.detail}`;
    const where = [...new Set(group.map((change) => change.where.replace(/^schema /, '')))];
    const places =
      where.slice(0, shown).join(', ') +
      (where.length > shown ? ` (+${where.length - shown} more)` : '');
    const pattern = renamePattern(first);
    return pattern === undefined
      ? `${head} ${group.length} × ${first.detail}: ${places}`
      : `${head} ${group.length} × kind URIs renamed ${pattern}, in ${places}`;
  });
}

export function formatDiffText(report: DiffReport, options: DiffTextOptions = {}): string {
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
    lines.push(
      breaking ? 'BREAKING' : 'non-breaking',
      ...changeLines(selected, options.verbose === true),
      '',
    );
  }
  if (report.changes.length === 0) lines.push('no changes');
  else if (!options.verbose && sameChanges(report.changes).length < report.changes.length)
    lines.push('(changes that say the same thing are on one line; --verbose gives one line each)');
  return lines.join('\n').trimEnd();
}
