// Every other rule looks for OpenAPI structure and, finding none, stays quiet: an empty file, a
// plain JSON Schema or the wrong YAML would otherwise "lint clean". Say so instead.
import { isRecord } from '../load/schemas.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const notOpenapi: LintRule = {
  id: 'not-openapi',
  severity: 'error',
  summary: 'no file declares an OpenAPI version, so nothing was really checked',
  fix: 'lint the root file of the description (the one starting `openapi: 3.1.0`), or the folder holding it',
  check({ set }) {
    const sources = [...set.files.values()];
    // A file that does not parse is already reported by yaml-syntax; it may well be OpenAPI.
    if (sources.some((source) => source.problems.length > 0)) return [];
    const declared = sources.some(
      (source) =>
        isRecord(source.data) &&
        (typeof source.data.openapi === 'string' || typeof source.data.swagger === 'string'),
    );
    if (declared) return [];
    const findings: RawFinding[] = [];
    for (const source of sources) {
      const what =
        source.data === null || source.data === undefined
          ? 'is empty'
          : isRecord(source.data)
            ? 'has no `openapi` field'
            : 'is not a mapping';
      findings.push({
        file: source.path,
        pointer: '',
        message: `not an OpenAPI description: the file ${what}`,
        hint: 'lint the root file of the description (the one starting `openapi: 3.1.0`), or the folder holding it',
      });
    }
    return findings;
  },
};
