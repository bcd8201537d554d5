// A `required` name that no property defines can never be satisfied by a document that follows
// the rest of the schema: usually a rename done in one place only (`state` -> `phase`).
import { joinPointer } from '../load/source-file.ts';
import {
  allowsAnyProperty,
  definedProperties,
  derefSchema,
  forEachSchema,
  isRecord,
} from '../load/schemas.ts';
import type { SchemaSite } from '../load/schemas.ts';
import { getAtPointer } from '../load/source-file.ts';
import type { SpecSet } from '../load/spec-set.ts';
import type { LintRule, RawFinding } from './rule.ts';

/** The schema whose `allOf` this one is a part of, climbing through nested parts. */
function outermostComposite(set: SpecSet, site: SchemaSite): SchemaSite {
  let current = site;
  for (;;) {
    const match = /^(.*)\/(allOf|anyOf|oneOf)\/\d+$/.exec(current.pointer);
    if (!match) return current;
    const parentPointer = match[1] as string;
    const parent = getAtPointer(set.file(current.file)?.data, parentPointer);
    if (!isRecord(parent)) return current;
    current = { file: current.file, pointer: parentPointer, schema: parent };
  }
}

// Words editors swap for one another when renaming a lifecycle field.
const SYNONYMS = [['state', 'phase', 'status']];

function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const synonyms = SYNONYMS.find((group) => group.includes(lower)) ?? [];
  for (const candidate of candidates) {
    if (synonyms.includes(candidate.toLowerCase())) return candidate;
  }
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    if (other.includes(lower) || lower.includes(other)) return candidate;
  }
  return undefined;
}

export const requiredUndefined: LintRule = {
  id: 'required-undefined',
  severity: 'error',
  summary: '`required` names a property that neither the schema nor its allOf parts define',
  fix: 'define each required property, or remove it from required',
  check({ set }) {
    const findings: RawFinding[] = [];
    forEachSchema(set, (site) => {
      const required = site.schema.required;
      if (!Array.isArray(required)) return;
      const whole = outermostComposite(set, site);
      if (allowsAnyProperty(set, whole)) return;
      const defined = definedProperties(set, whole);
      for (const part of ['oneOf', 'anyOf'] as const) {
        const branches = whole.schema[part];
        if (!Array.isArray(branches)) continue;
        branches.forEach((branch, index) => {
          if (!isRecord(branch)) return;
          const resolved = derefSchema(set, {
            file: whole.file,
            pointer: joinPointer(whole.pointer, part, index),
            schema: branch,
          });
          if (resolved) definedProperties(set, resolved).forEach((name) => defined.add(name));
        });
      }
      required.forEach((name, index) => {
        if (typeof name !== 'string' || defined.has(name)) return;
        const near = closestName(name, defined);
        const list = [...defined].sort().join(', ') || 'none';
        findings.push({
          file: site.file,
          pointer: joinPointer(site.pointer, 'required', index),
          message: `"${name}" is required but no property of that name is defined (defined: ${list})`,
          hint: near
            ? `did you mean "${near}"? Rename the requirement or add the property`
            : `add a "${name}" property, or remove it from required`,
        });
      });
    });
    return findings;
  },
};
