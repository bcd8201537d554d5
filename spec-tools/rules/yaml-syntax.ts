// A file that does not parse hides everything in it from the other rules, so say so first.
import type { LintRule, RawFinding } from './rule.ts';

export const yamlSyntax: LintRule = {
  id: 'yaml-syntax',
  severity: 'error',
  summary: 'the file is not well-formed YAML or JSON',
  fix: 'fix the YAML syntax on or just above the line shown',
  check({ set }) {
    const findings: RawFinding[] = [];
    for (const source of set.files.values()) {
      for (const problem of source.problems) {
        findings.push({
          file: source.path,
          pointer: '',
          message: `does not parse: ${problem.message}`,
          hint: 'fix the YAML syntax (look for unbalanced quotes, tabs or bad indentation on or above this line)',
          line: problem.line,
        });
      }
    }
    return findings;
  },
};
