// The JSON Schema of eb-conform.yaml, made from the option table (so a new option is in the
// schema the moment it is in the table). The copy shipped for editors,
// cli/options/eb-conform.schema.json, is checked against this by a test.

import { DECLARATION_FIELDS } from '../../suites/harness/declaration.ts';
import { RUN_OPTIONS } from './table.ts';
import type { JsonSchema } from './values.ts';

export const CONFIG_SCHEMA_ID = 'urn:eb-conform:config-file';

function optionsSchema(description: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const option of RUN_OPTIONS) {
    if (!option.inConfig) continue;
    properties[option.key] = { description: option.help, ...option.read.schema };
  }
  return { description, type: 'object', additionalProperties: false, properties };
}

export function configSchema(): JsonSchema {
  const declaration: JsonSchema = {
    description: 'What the target cannot tell the suite itself (docs/INTERPRETING.md)',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(DECLARATION_FIELDS.map((field) => [field, {}])),
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CONFIG_SCHEMA_ID,
    title: 'eb-conform.yaml',
    type: 'object',
    additionalProperties: false,
    properties: {
      defaults: optionsSchema(
        'defaults for every `eb-conform run` option (flags and EB_CONFORM_* variables win)',
      ),
      targets: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'url'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
            url: { type: 'string', pattern: '^https?://' },
            profile: { enum: ['v1.0.7', 'v1.0.5', 'auto'] },
            declaration,
            declare: { type: 'string', description: 'a declaration file instead of an inline one' },
            headers: { type: 'object', additionalProperties: { type: 'string' } },
            user: { type: 'string', description: 'NAME:PASSWORD; use ${VAR} for the password' },
            secondUser: { type: 'string' },
            expectations: { type: 'string', description: 'known failures of this target (file)' },
            options: optionsSchema('run options for this target only'),
          },
        },
      },
    },
  };
}
