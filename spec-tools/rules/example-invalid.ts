// Examples are what implementers copy first; one that fails its own schema teaches them the
// wrong document (or shows the schema is wrong).
import { getAtPointer, joinPointer } from '../load/source-file.ts';
import { forEachSchema, isRecord } from '../load/schemas.ts';
import type { Location, SpecSet } from '../load/spec-set.ts';
import type { LintRule, RawFinding } from './rule.ts';

export interface ExampleSite {
  file: string;
  pointer: string;
  value: unknown;
  schema: Location;
  /** Pattern mismatches at the top are pattern-example-mismatch's to report. */
  ownPattern: boolean;
}

function mediaTypeExamples(set: SpecSet): ExampleSite[] {
  const found: ExampleSite[] = [];
  for (const source of set.files.values()) {
    const visit = (node: unknown, pointer: string, depth: number): void => {
      if (!isRecord(node) || depth > 10) return;
      if (isRecord(node.schema) && ('example' in node || isRecord(node.examples))) {
        const schema = { file: source.path, pointer: joinPointer(pointer, 'schema') };
        if ('example' in node) {
          found.push({
            file: source.path,
            pointer: joinPointer(pointer, 'example'),
            value: node.example,
            schema,
            ownPattern: false,
          });
        }
        if (isRecord(node.examples)) {
          for (const [name, example] of Object.entries(node.examples)) {
            if (isRecord(example) && 'value' in example) {
              const at = joinPointer(pointer, 'examples', name, 'value');
              found.push({
                file: source.path,
                pointer: at,
                value: example.value,
                schema,
                ownPattern: false,
              });
            }
          }
        }
      }
      for (const [key, value] of Object.entries(node)) {
        if (key !== 'schema' && key !== 'examples' && key !== 'example')
          visit(value, joinPointer(pointer, key), depth + 1);
      }
    };
    visit(getAtPointer(source.data, '/paths'), '/paths', 0);
    visit(getAtPointer(source.data, '/components'), '/components', 0);
  }
  return found;
}

/** Every example written in a description: beside a schema, or under a media type. */
export function exampleSites(set: SpecSet): ExampleSite[] {
  const sites: ExampleSite[] = [];
  forEachSchema(set, (site) => {
    const schema = { file: site.file, pointer: site.pointer };
    const ownPattern = typeof site.schema.pattern === 'string';
    if (Array.isArray(site.schema.examples)) {
      site.schema.examples.forEach((value, index) =>
        sites.push({
          file: site.file,
          pointer: joinPointer(site.pointer, 'examples', index),
          value,
          schema,
          ownPattern,
        }),
      );
    }
    if ('example' in site.schema) {
      sites.push({
        file: site.file,
        pointer: joinPointer(site.pointer, 'example'),
        value: site.schema.example,
        schema,
        ownPattern,
      });
    }
  });
  sites.push(...mediaTypeExamples(set));
  return sites;
}

export const exampleInvalid: LintRule = {
  id: 'example-invalid',
  severity: 'error',
  summary: 'example that does not validate against the schema it illustrates',
  fix: 'correct the example, or the schema if the example shows what was meant',
  check(context) {
    const sites = exampleSites(context.set);
    if (sites.length === 0) return [];

    const checker = context.schemaChecker();
    const findings: RawFinding[] = [];
    for (const site of sites) {
      const result = checker.check(site.schema, site.value);
      if ('error' in result) {
        findings.push({
          file: site.file,
          pointer: site.pointer,
          message: `example could not be checked: ${result.error}`,
          hint: 'fix the schema errors reported above, then lint again',
          severity: 'info',
        });
        continue;
      }
      const issues = result.issues.filter(
        (issue) => !(site.ownPattern && issue.pointer === '' && issue.keyword === 'pattern'),
      );
      if (issues.length === 0) continue;
      const detail = issues
        .slice(0, 3)
        .map((issue) => `${issue.pointer || '/'} ${issue.message}`)
        .join('; ');
      findings.push({
        file: site.file,
        pointer: site.pointer,
        message: `example fails its schema: ${detail}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ''}`,
        hint: 'correct the example, or the schema if the example shows what was meant',
      });
    }
    return findings;
  },
};
