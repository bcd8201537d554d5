// The same schema written twice (a split-out file and the copy left in the main one) drifts:
// one says `state`, the other `phase`, and the spec answers differently depending on the file.
import { definedProperties, forEachSchema } from '../load/schemas.ts';
import type { SchemaSite } from '../load/schemas.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const propertyNameDrift: LintRule = {
  id: 'property-name-drift',
  severity: 'warning',
  summary: 'schemas of the same name in different places define different property names',
  fix: 'keep one definition and reference it, or bring the copies back in step',
  check({ set }) {
    const byName = new Map<string, SchemaSite[]>();
    forEachSchema(set, (site) => {
      if (site.component) byName.set(site.component, [...(byName.get(site.component) ?? []), site]);
    });
    const findings: RawFinding[] = [];
    for (const [name, sites] of byName) {
      if (sites.length < 2) continue;
      const [first, ...others] = sites as [SchemaSite, ...SchemaSite[]];
      const reference = definedProperties(set, first);
      const where = `${set.display(first.file)}:${set.file(first.file)?.lineOf(first.pointer) ?? 1}`;
      for (const other of others) {
        const properties = definedProperties(set, other);
        const extra = [...properties].filter((property) => !reference.has(property));
        const missing = [...reference].filter((property) => !properties.has(property));
        if (extra.length === 0 && missing.length === 0) continue;
        const parts = [
          extra.length ? `defines ${extra.join(', ')}` : '',
          missing.length ? `lacks ${missing.join(', ')}` : '',
        ].filter(Boolean);
        findings.push({
          file: other.file,
          pointer: other.pointer,
          message: `${name} here ${parts.join(' and ')} compared with ${name} at ${where}`,
          hint: 'keep one definition and reference it, or bring the copies back in step',
        });
      }
    }
    return findings;
  },
};
