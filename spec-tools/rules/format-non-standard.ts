// Formats outside JSON Schema and the OpenAPI registry are ignored or rejected by validators,
// so the constraint the editor meant is silently lost.
import { joinPointer } from '../load/source-file.ts';
import { forEachSchema } from '../load/schemas.ts';
import type { LintRule, RawFinding } from './rule.ts';

const JSON_SCHEMA_FORMATS = [
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uuid',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
];
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];
const KNOWN = new Set([...JSON_SCHEMA_FORMATS, ...OPENAPI_FORMATS]);
const BETTER: Record<string, string> = {
  url: 'uri',
  datetime: 'date-time',
  date_time: 'date-time',
  integer: 'int64',
};

export const formatNonStandard: LintRule = {
  id: 'format-non-standard',
  severity: 'warning',
  summary: 'format that neither JSON Schema 2020-12 nor the OpenAPI format registry defines',
  fix: 'use a format JSON Schema or the OpenAPI format registry defines',
  check({ set }) {
    const findings: RawFinding[] = [];
    forEachSchema(set, (site) => {
      const format = site.schema.format;
      if (typeof format !== 'string' || KNOWN.has(format)) return;
      const better = BETTER[format];
      findings.push({
        file: site.file,
        pointer: joinPointer(site.pointer, 'format'),
        message: `format "${format}" is not a standard format`,
        hint: better
          ? `use format "${better}"`
          : 'use a standard format, or document this one as an extension',
      });
    });
    return findings;
  },
};
