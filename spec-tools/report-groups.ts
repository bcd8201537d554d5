// The text layout lint and examples share: one group per kind of problem (its label, severity,
// count, one fix, the first few places and how many more), most severe first, then most
// frequent, so that a long report still shows every kind of problem on one screen.

export type GroupSeverity = 'error' | 'warning' | 'info' | 'ok';

export interface GroupItem {
  /** `file:line`, relative to what the user named. */
  location: string;
  message: string;
  /** Shown only where it differs from the group's fix. */
  hint?: string;
  /** Set when the item only follows from another item: it is counted, not listed. */
  followsFrom?: string;
}

export interface Group {
  severity: GroupSeverity;
  /** Rule id or verdict. */
  label: string;
  /** What every item of the group has in common, for groups of more than one. */
  summary: string;
  /** One fix for the whole group; empty when there is nothing to fix. */
  fix: string;
  items: GroupItem[];
  /** What fixing this group would also clear, e.g. `7 × [component-unused]`. */
  explains?: string;
}

export interface GroupFormat {
  /** List every item instead of the first few. */
  verbose?: boolean;
  /** How many places a group shows before `(+N more)`. */
  shown?: number;
}

const SEVERITY_RANK: Record<GroupSeverity, number> = { error: 0, warning: 1, info: 2, ok: 3 };

export function sortGroups(groups: Group[]): Group[] {
  return [...groups].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      b.items.length - a.items.length ||
      a.label.localeCompare(b.label),
  );
}

/** The hint every listed item shares, or the group's own fix when they differ. */
function commonFix(group: Group, items: GroupItem[]): string {
  const hints = new Set(items.map((item) => item.hint ?? group.fix));
  return hints.size === 1 ? ([...hints][0] as string) : group.fix;
}

function formatGroup(group: Group, options: GroupFormat): string[] {
  const shown = options.shown ?? 3;
  // Verbose lists everything, consequences included (marked as such).
  const listed = options.verbose
    ? group.items.map((item) =>
        item.followsFrom
          ? { ...item, message: `${item.message} (follows from ${item.followsFrom})` }
          : item,
      )
    : group.items.filter((item) => item.followsFrom === undefined);
  const folded = group.items.length - listed.length;
  const head = `${group.severity} [${group.label}]`;
  const causes = [...new Set(group.items.map((item) => item.followsFrom).filter(Boolean))];
  const foldNote =
    folded === 0
      ? ''
      : `${folded === group.items.length ? 'all' : folded} follow from ${causes.join(', ')} above`;
  if (listed.length === 0) {
    return [`${head} ${group.items.length} × ${group.summary}: ${foldNote}`];
  }
  const fix = commonFix(group, listed);
  const lines: string[] = [];
  if (group.items.length === 1) {
    const [only] = listed as [GroupItem];
    lines.push(`${head} ${only.message}`, `  at ${only.location}`);
  } else if (
    !listed.every((item) => item.message === group.summary) &&
    (options.verbose || listed.length <= shown)
  ) {
    lines.push(`${head} ${group.items.length} × ${group.summary}`);
    for (const item of listed) {
      lines.push(`  ${item.location}: ${item.message}`);
      if (options.verbose && item.hint && item.hint !== fix) lines.push(`    fix: ${item.hint}`);
    }
  } else {
    // Items that only repeat the summary are shown by place alone.
    const places = listed
      .slice(0, options.verbose ? undefined : shown)
      .map((item) => item.location);
    const more = listed.length - places.length;
    lines.push(
      `${head} ${group.items.length} × ${group.summary}`,
      `  at ${places.join(', ')}${more > 0 ? ` (+${more} more)` : ''}`,
    );
  }
  if (foldNote) lines.push(`  (${foldNote}, not listed)`);
  if (group.explains) lines.push(`  (also explains ${group.explains})`);
  if (fix) lines.push(`  fix: ${fix}`);
  return lines;
}

export function formatGroups(groups: Group[], options: GroupFormat = {}): string[] {
  return sortGroups(groups).flatMap((group) => formatGroup(group, options));
}
