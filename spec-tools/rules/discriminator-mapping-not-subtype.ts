// With the discriminator on the base, a mapped schema must inherit the base (allOf): otherwise
// documents of that kind skip every rule the base states, including the discriminator itself.
import { allOfClosure, isRecord, siteKey } from '../load/schemas.ts';
import type { SchemaSite } from '../load/schemas.ts';
import type { SpecSet } from '../load/spec-set.ts';
import { discriminatorMappings } from './ref-checks.ts';
import type { LintRule, RawFinding } from './rule.ts';

/**
 * A base that only combines parents (allOf) and adds the discriminator is inherited in full
 * by a schema that has all those parents: inheriting the parents rather than the base itself
 * is a common way to keep kind dispatch from looping back into the base.
 */
function sharesEverything(set: SpecSet, base: SchemaSite, closure: Set<string>): boolean {
  if (base.schema.properties !== undefined || base.schema.required !== undefined) return false;
  const parents = allOfClosure(set, base).filter((part) => siteKey(part) !== siteKey(base));
  return (
    parents.length > 0 &&
    parents.every((part) => closure.has(siteKey(part)) || !isRecord(part.schema.properties))
  );
}

export const discriminatorMappingNotSubtype: LintRule = {
  id: 'discriminator-mapping-not-subtype',
  severity: 'error',
  summary: 'discriminator mapping points at a schema that does not inherit the base through allOf',
  fix: 'make every mapped schema inherit the base through allOf',
  check({ set }) {
    const findings: RawFinding[] = [];
    for (const entry of discriminatorMappings(set)) {
      if (!entry.target) continue;
      const baseKey = siteKey(entry.base);
      const target = { ...entry.target.location, schema: entry.target.schema };
      if (siteKey(target) === baseKey) continue; // the base naming itself is harmless
      const closure = new Set(allOfClosure(set, target).map(siteKey));
      if (closure.has(baseKey) || sharesEverything(set, entry.base, closure)) continue;
      const baseName = entry.base.component ?? entry.base.pointer;
      findings.push({
        file: entry.base.file,
        pointer: entry.pointer,
        message: `mapping "${entry.key}" -> ${String(entry.value)}, which does not inherit ${baseName}`,
        hint: `add "- $ref: ...${baseName}" to the allOf of the mapped schema, or map to a schema that does`,
      });
    }
    return findings;
  },
};
