// The examples written next to a pattern are the editor's own test cases: a pattern that
// rejects them (or accepts a listed counter-example) is wrong, or the example is.
import { joinPointer } from '../load/source-file.ts';
import { forEachSchema } from '../load/schemas.ts';
import { compilePattern } from '../../spec/index.ts';
import type { LintRule, RawFinding } from './rule.ts';

const COUNTER_EXAMPLE_KEYWORDS = ['x-counter-examples', 'x-invalid-examples'];

export const patternExampleMismatch: LintRule = {
  id: 'pattern-example-mismatch',
  severity: 'error',
  summary: 'pattern rejects one of its own examples, or accepts a listed counter-example',
  fix: 'make the pattern and its examples agree',
  check({ set }) {
    const findings: RawFinding[] = [];
    forEachSchema(set, (site) => {
      const { schema } = site;
      if (typeof schema.pattern !== 'string') return;
      const regexp = compilePattern(schema.pattern);
      if (!regexp) return; // pattern-js-incompatible has said what is wrong
      const examples: { value: unknown; pointer: string }[] = [];
      if (Array.isArray(schema.examples)) {
        schema.examples.forEach((value, index) =>
          examples.push({ value, pointer: joinPointer(site.pointer, 'examples', index) }),
        );
      }
      if ('example' in schema)
        examples.push({ value: schema.example, pointer: joinPointer(site.pointer, 'example') });
      for (const { value, pointer } of examples) {
        if (typeof value === 'string' && !regexp.test(value)) {
          findings.push({
            file: site.file,
            pointer,
            message: `example "${value}" does not match the pattern next to it`,
            hint: 'fix the pattern so it accepts the example, or correct the example',
          });
        }
      }
      for (const keyword of COUNTER_EXAMPLE_KEYWORDS) {
        const counter = schema[keyword];
        if (!Array.isArray(counter)) continue;
        counter.forEach((value, index) => {
          if (typeof value === 'string' && regexp.test(value)) {
            findings.push({
              file: site.file,
              pointer: joinPointer(site.pointer, keyword, index),
              message: `counter-example "${value}" is accepted by the pattern`,
              hint: 'tighten the pattern so it rejects the counter-example',
            });
          }
        });
      }
    });
    return findings;
  },
};
