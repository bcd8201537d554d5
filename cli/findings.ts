// The findings of a result as terminal lines: every requirement with a bad verdict, worst
// first, with its first pieces of evidence. One module with one export, so `run`, `check` and
// `proxy` can print findings the same way.

import { compareVerdicts, problemRequirements, type RunResult } from '../contract/index.ts';

const SHOWN_PER_REQUIREMENT = 3;
const LEVEL_RANK = { MUST: 0, SHOULD: 1, MAY: 2, CONVENTION: 3 } as const;

/** "FAIL /req/x (MUST): message [x12]" lines, most severe first; empty when nothing is wrong. */
export function findingLines(result: RunResult, shown = SHOWN_PER_REQUIREMENT): string[] {
  const lines: string[] = [];
  const problems = [...problemRequirements(result)].sort(
    (a, b) =>
      compareVerdicts(a.verdict, b.verdict) ||
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      a.id.localeCompare(b.id),
  );
  for (const requirement of problems) {
    const evidence = requirement.cases
      .filter((c) => c.verdict === requirement.verdict)
      .flatMap((c) => c.evidence);
    const expected =
      requirement.expected !== undefined && !requirement.expected.stale ? ' (expected)' : '';
    lines.push(`${requirement.verdict} ${requirement.id} (${requirement.level})${expected}`);
    for (const item of evidence.slice(0, shown)) {
      const cites =
        item.exchangeIds.length === 0 ? '' : ` [${item.exchangeIds.slice(0, 3).join(', ')}]`;
      const where = item.pointer === undefined ? '' : ` at ${item.pointer}`;
      lines.push(`  ${item.message.split('\n')[0] ?? ''}${where}${cites}`);
    }
    if (evidence.length > shown) lines.push(`  ... and ${evidence.length - shown} more`);
  }
  return lines;
}
