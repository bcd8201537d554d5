// Validators built on JavaScript (Ajv, and so most Node and browser tooling) refuse the whole
// schema when one pattern does not compile: the error is in the spec, not in the tools.
import { joinPointer } from '../load/source-file.ts';
import { forEachSchema, isRecord } from '../load/schemas.ts';
import { normalisePattern, patternError } from '../../spec/index.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const patternJsIncompatible: LintRule = {
  id: 'pattern-js-incompatible',
  severity: 'error',
  summary: 'pattern does not compile as a JavaScript (ECMA-262) regular expression',
  fix: 'rewrite the pattern in ECMA-262 syntax, which JSON Schema requires',
  check({ set }) {
    const findings: RawFinding[] = [];
    const inspect = (file: string, pointer: string, pattern: string): void => {
      const fullError = patternError(pattern);
      if (fullError === undefined) return;
      // V8 repeats the whole pattern in its message; keep only the reason.
      const error = fullError.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
      const rewritten = normalisePattern(pattern);
      const atomic = pattern.includes('(?>') ? ' (atomic groups "(?>...)" are not ECMA-262)' : '';
      findings.push({
        file,
        pointer,
        message: `pattern does not compile in JavaScript${atomic}: ${error}`,
        hint:
          rewritten !== pattern && patternError(rewritten) === undefined
            ? `use the portable form: ${rewritten}`
            : 'rewrite the pattern using only ECMA-262 syntax (JSON Schema requires it)',
      });
    };
    forEachSchema(set, (site) => {
      if (typeof site.schema.pattern === 'string') {
        inspect(site.file, joinPointer(site.pointer, 'pattern'), site.schema.pattern);
      }
      if (isRecord(site.schema.patternProperties)) {
        for (const key of Object.keys(site.schema.patternProperties)) {
          inspect(site.file, joinPointer(site.pointer, 'patternProperties', key), key);
        }
      }
    });
    return findings;
  },
};
