// A stray quote (`$ref: Name'`) still parses as YAML, so nothing else notices it.
import { checkedRefs, refTargetName, suggestedRef } from './ref-checks.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const refMalformed: LintRule = {
  id: 'ref-malformed',
  severity: 'error',
  summary: '$ref contains quotes or spaces (usually an unbalanced quote)',
  fix: 'balance the quotes around the reference',
  check({ set }) {
    const findings: RawFinding[] = [];
    for (const { file, pointer, ref, resolution } of checkedRefs(set)) {
      if (!resolution || resolution.ok || resolution.problem !== 'malformed') continue;
      findings.push({
        file,
        pointer,
        explains: [`component:${refTargetName(String(ref))}`],
        message: `$ref ${JSON.stringify(ref)} contains quote or space characters (an unbalanced quote in the YAML?)`,
        hint: resolution.guess
          ? `balance the quotes and point at the schema: '${suggestedRef(set, file, resolution.guess)}'`
          : 'balance the quotes around the reference',
      });
    }
    return findings;
  },
};
