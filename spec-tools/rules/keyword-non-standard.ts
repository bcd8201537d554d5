// Keywords a validator does not know are ignored: `name:` on a schema looks meaningful and
// does nothing. OpenAPI 3.1 schemas are JSON Schema 2020-12 plus a few OpenAPI keywords.
import { forEachSchema } from '../load/schemas.ts';
import { joinPointer } from '../load/source-file.ts';
import { isRecord } from '../load/schemas.ts';
import type { LintRule, RawFinding } from './rule.ts';

const JSON_SCHEMA_KEYWORDS = [
  '$schema',
  '$id',
  '$ref',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$defs',
  '$comment',
  '$vocabulary',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'prefixItems',
  'items',
  'contains',
  'properties',
  'patternProperties',
  'additionalProperties',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'dependentRequired',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  'format',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  // draft-07 spellings still widely understood
  'definitions',
  'dependencies',
  'additionalItems',
];
const OPENAPI_KEYWORDS = ['discriminator', 'xml', 'externalDocs', 'example'];
const OPENAPI_30_ONLY = ['nullable'];

export const keywordNonStandard: LintRule = {
  id: 'keyword-non-standard',
  severity: 'warning',
  summary:
    'schema keyword that JSON Schema 2020-12 and OpenAPI do not define (x- extensions excepted)',
  fix: 'remove the keyword, or prefix it with x- to mark it as an extension',
  check({ set }) {
    const findings: RawFinding[] = [];
    forEachSchema(set, (site) => {
      const data = set.file(site.file)?.data;
      const version = isRecord(data) && typeof data.openapi === 'string' ? data.openapi : '3.1';
      const known = new Set([
        ...JSON_SCHEMA_KEYWORDS,
        ...OPENAPI_KEYWORDS,
        ...(version.startsWith('3.0') ? OPENAPI_30_ONLY : []),
      ]);
      for (const keyword of Object.keys(site.schema)) {
        if (known.has(keyword) || keyword.startsWith('x-')) continue;
        findings.push({
          file: site.file,
          pointer: joinPointer(site.pointer, keyword),
          message: `"${keyword}" is not a schema keyword; validators ignore it`,
          hint:
            keyword === 'nullable'
              ? 'in OpenAPI 3.1 write type: [<type>, "null"] instead'
              : keyword === 'name' && typeof site.schema.title === 'string'
                ? 'remove it (the title already names the schema) or rename it x-name'
                : `remove it, or rename it x-${keyword} to mark it as an extension`,
        });
      }
    });
    return findings;
  },
};
