// Two enums for the same thing that have drifted apart (INITIAL vs INITIALIZING, AVAILABLE vs
// READY) mean two implementers will disagree about which value is right.
import { joinPointer, unescapePointerToken } from '../load/source-file.ts';
import { derefSchema, forEachSchema } from '../load/schemas.ts';
import type { LintRule, RawFinding } from './rule.ts';

interface EnumFact {
  file: string;
  pointer: string;
  values: string[];
  labels: string[];
}

function describe(values: string[]): string {
  return values.join(', ');
}

/** What this enum has that the one at `where` has not, and the other way round, in words. */
function difference(onlyThere: string[], onlyHere: string[], where: string): string {
  if (onlyThere.length === 0)
    return `this enum adds [${describe(onlyHere)}] to the one at ${where}`;
  if (onlyHere.length === 0) return `this enum lacks [${describe(onlyThere)}] that ${where} has`;
  return `this enum has [${describe(onlyHere)}] where ${where} has [${describe(onlyThere)}]`;
}

export const enumDrift: LintRule = {
  id: 'enum-drift',
  severity: 'warning',
  summary: 'enums describing the same thing (same property or schema name) list different values',
  fix: 'use one shared enum schema for the same concept, or rename one of them if they differ on purpose',
  check({ set }) {
    const facts: EnumFact[] = [];
    forEachSchema(set, (site) => {
      const property = /\/properties\/([^/]+)$/.exec(site.pointer);
      const labels: string[] = [];
      if (property) labels.push(`property "${unescapePointerToken(property[1] as string)}"`);
      if (site.component) labels.push(`schema "${site.component}"`);
      if (labels.length === 0) return;
      const resolved = derefSchema(set, site);
      const values =
        resolved && Array.isArray(resolved.schema.enum) ? resolved.schema.enum : undefined;
      if (!values || !values.every((value) => typeof value === 'string')) return;
      const pointer =
        site.schema.$ref === undefined ? joinPointer(site.pointer, 'enum') : site.pointer;
      facts.push({ file: site.file, pointer, values: values as string[], labels });
    });

    const findings: RawFinding[] = [];
    const reported = new Set<string>();
    const byLabel = new Map<string, EnumFact[]>();
    for (const fact of facts) {
      for (const label of fact.labels) byLabel.set(label, [...(byLabel.get(label) ?? []), fact]);
    }
    for (const [label, group] of byLabel) {
      const firstOfEach = new Map<string, EnumFact>();
      for (const fact of group) {
        const signature = [...fact.values].sort().join('\u0000');
        if (!firstOfEach.has(signature)) firstOfEach.set(signature, fact);
      }
      const distinct = [...firstOfEach.values()];
      for (let i = 0; i < distinct.length; i++) {
        for (let j = i + 1; j < distinct.length; j++) {
          const [a, b] = [distinct[i] as EnumFact, distinct[j] as EnumFact];
          const shared = a.values.filter((value) => b.values.includes(value));
          if (shared.length === 0) continue; // same name, unrelated things
          const pairKey = [a.values, b.values]
            .map((v) => [...v].sort().join(','))
            .sort()
            .join('|');
          if (reported.has(pairKey)) continue;
          reported.add(pairKey);
          const onlyA = a.values.filter((value) => !b.values.includes(value));
          const onlyB = b.values.filter((value) => !a.values.includes(value));
          const where = `${set.display(a.file)}:${set.file(a.file)?.lineOf(a.pointer) ?? 1}`;
          findings.push({
            file: b.file,
            pointer: b.pointer,
            message: `${label}: ${difference(onlyA, onlyB, where)} (${shared.length} values shared)`,
            hint: 'use one shared enum schema for the same concept, or rename one of them if they differ on purpose',
          });
        }
      }
    }
    return findings;
  },
};
