// report.json: the RunResult itself, described by reports/report.schema.json.

import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { RunResult } from '../contract/result.ts';

export function renderJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export const REPORT_SCHEMA_URL = new URL('./report.schema.json', import.meta.url);

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

let compiled: (((doc: unknown) => boolean) & { errors?: ErrorObject[] | null }) | undefined;

function validator(): ((doc: unknown) => boolean) & { errors?: ErrorObject[] | null } {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as object);
  }
  return compiled;
}

/** Schema problems of a parsed report, as "pointer: message" lines; empty when valid. */
export function reportSchemaIssues(doc: unknown): string[] {
  const validate = validator();
  if (validate(doc)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath === '' ? '/' : error.instancePath}: ${error.message ?? error.keyword}`,
  );
}

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
