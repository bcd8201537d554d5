// `$ref: Name` reads like a schema name but is a relative URI: it names a file called "Name"
// next to this one. Some tools guess what was meant; a standard must not depend on that.
import { checkedRefs, suggestedRef } from './ref-checks.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const refBareName: LintRule = {
  id: 'ref-bare-name',
  severity: 'error',
  summary: '$ref is a bare schema name, which does not resolve as a URI',
  check({ set }) {
    const findings: RawFinding[] = [];
    for (const { file, pointer, ref, resolution } of checkedRefs(set)) {
      if (!resolution || resolution.ok || resolution.problem !== 'bare-name') continue;
      findings.push({
        file,
        pointer,
        message: `$ref "${String(ref)}" is a bare name and does not resolve`,
        hint: resolution.guess
          ? `write '${suggestedRef(set, file, resolution.guess)}'`
          : `no schema called "${String(ref)}" exists in any file: define it or fix the name`,
      });
    }
    return findings;
  },
};
