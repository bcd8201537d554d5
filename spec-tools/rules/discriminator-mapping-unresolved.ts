// A mapping entry that points at nothing makes that kind undecodable for every client.
import { discriminatorMappings, refTargetName } from './ref-checks.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const discriminatorMappingUnresolved: LintRule = {
  id: 'discriminator-mapping-unresolved',
  severity: 'error',
  summary: 'discriminator mapping points at a schema that does not exist',
  fix: 'point each mapping value at an existing schema',
  check({ set }) {
    const findings: RawFinding[] = [];
    for (const entry of discriminatorMappings(set)) {
      if (entry.target) continue;
      findings.push({
        file: entry.base.file,
        pointer: entry.pointer,
        ...(typeof entry.value === 'string'
          ? { explains: [`component:${refTargetName(entry.value)}`] }
          : {}),
        message: `mapping "${entry.key}" -> ${JSON.stringify(entry.value)} does not resolve: ${entry.problem ?? 'unknown'}`,
        hint: "point the mapping at an existing schema, e.g. '#/components/schemas/Name'",
      });
    }
    return findings;
  },
};
