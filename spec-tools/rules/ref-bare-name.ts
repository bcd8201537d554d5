// `$ref: Name` reads like a schema name but is a relative URI: it names a file called "Name"
// next to this one. Some tools guess what was meant; a standard must not depend on that.
import { checkedRefs, refTargetName, suggestedRef } from './ref-checks.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const refBareName: LintRule = {
  id: 'ref-bare-name',
  severity: 'error',
  summary: '$ref is a bare schema name, which does not resolve as a URI',
  fix: "write references with a JSON pointer: '#/components/schemas/Name' or 'file.yaml#/components/schemas/Name'",
  check({ set }) {
    const findings: RawFinding[] = [];
    for (const { file, pointer, ref, resolution } of checkedRefs(set)) {
      if (!resolution || resolution.ok || resolution.problem !== 'bare-name') continue;
      findings.push({
        file,
        pointer,
        explains: [`component:${refTargetName(String(ref))}`],
        message: `$ref "${String(ref)}" is a bare name and does not resolve`,
        hint: resolution.guess
          ? `write '${suggestedRef(set, file, resolution.guess)}'`
          : `no schema called "${String(ref)}" exists in any file: define it or fix the name`,
      });
    }
    return findings;
  },
};
