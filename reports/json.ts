// report.json: the RunResult itself, described by reports/report.schema.json.

import { readFileSync } from 'node:fs';
import type { RunResult } from '../contract/result.ts';
import { schemaChecker } from './schema-check.ts';

export function renderJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export const REPORT_SCHEMA_URL = new URL('./report.schema.json', import.meta.url);

/** Schema problems of a parsed report, as "pointer: message" lines; empty when valid. */
export const reportSchemaIssues = schemaChecker(REPORT_SCHEMA_URL);

/** Reads and checks a stored report.json; throws one readable error when it is not one. */
export function readReport(file: string): RunResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  const issues = reportSchemaIssues(doc);
  if (issues.length > 0) {
    const shown = issues.slice(0, 10).map((issue) => `  ${issue}`);
    const more = issues.length > 10 ? [`  ... and ${issues.length - 10} more`] : [];
    throw new Error([`${file} is not an eb-conform report:`, ...shown, ...more].join('\n'));
  }
  return doc as RunResult;
}
