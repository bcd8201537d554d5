// References whose file or fragment does not exist: a bundler stops here, and so does every
// code generator an implementer might point at the spec.
import { checkedRefs, refTargetName, suggestedRef } from './ref-checks.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const refUnresolved: LintRule = {
  id: 'ref-unresolved',
  severity: 'error',
  summary: '$ref points at a file or fragment that does not exist',
  fix: "correct the file path, or the JSON pointer after '#'",
  check({ set }) {
    const findings: RawFinding[] = [];
    for (const { file, pointer, ref, resolution } of checkedRefs(set)) {
      if (typeof ref !== 'string') {
        findings.push({
          file,
          pointer,
          message: `$ref must be a string, found ${JSON.stringify(ref)}`,
          hint: "write the reference as a string, e.g. '#/components/schemas/Name'",
        });
        continue;
      }
      if (!resolution || resolution.ok) continue;
      if (resolution.problem === 'bare-name' || resolution.problem === 'malformed') continue;
      findings.push({
        file,
        pointer,
        explains: [`component:${refTargetName(String(ref))}`],
        message: `$ref "${ref}" does not resolve: ${resolution.message}`,
        hint: resolution.guess
          ? `did you mean '${suggestedRef(set, file, resolution.guess)}'?`
          : 'correct the path or the JSON pointer after #',
      });
    }
    return findings;
  },
};
