// Writes cli/options/eb-conform.schema.json from the option table:
//   node bin/run-ts.js cli/options/write-schema.ts
// test/cli/config.test.ts fails when the shipped file and the table disagree.

import { writeFileSync } from 'node:fs';
import { configSchema } from './config-schema.ts';

export const SCHEMA_FILE = new URL('./eb-conform.schema.json', import.meta.url);

export function schemaText(): string {
  return `${JSON.stringify(configSchema(), null, 2)}\n`;
}

if (process.argv[1]?.endsWith('write-schema.ts')) writeFileSync(SCHEMA_FILE, schemaText());
