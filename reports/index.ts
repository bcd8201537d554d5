// Entry point of reports/: the runner hands a RunResult to writeReports, the CLI's `report`
// command re-renders one with renderReport.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../contract/result.ts';
import { renderHar } from './har.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { sampleNote, selectExchanges, type HarMode } from './exchange-sample.ts';
import { REPORT_FILES } from './files.ts';
import { redactResult } from './redact.ts';

export type ReportFormat = 'html' | 'md' | 'junit' | 'json' | 'har';

export interface RenderOptions {
  /** Path of report.json as readers will see it, used in the replay commands printed. */
  reportPath?: string;
  /** What became of the exchanges the run recorded (the sample rule), for the HTML footer. */
  exchangeNote?: string;
}

export interface WriteReportsOptions {
  /** Extra header names to redact (the -H names), beyond those that look secret anyway. */
  secretHeaders?: string[];
  /**
   * The run's history: ndjson files, or folders whose *.ndjson files are concatenated (none
   * when absent).
   */
  history?: string | string[];
  /**
   * What report.json and exchanges.har keep of the recorded exchanges: `sample` (default) the
   * cited ones plus a sample, so a passing run's report stays small; `full` every one.
   */
  har?: HarMode;
}

export { REPORT_FILES } from './files.ts';

export function renderReport(
  result: RunResult,
  format: ReportFormat,
  options: RenderOptions = {},
): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'md':
      return renderMarkdown(result, options);
    case 'junit':
      return renderJunit(result, options);
    case 'html':
      return renderHtml(result, options);
    case 'har':
      return renderHar(result, options.exchangeNote);
  }
}

/**
 * `eb-conform-reports/<host>-<time>`: outside the source tree, sortable, and safe as a folder
 * name on every OS. A target keeps its port in the name (two brokers on one host stay apart);
 * for the built-in broker, whose port is random, pass a target such as `http://built-in`.
 */
export function defaultReportDir(
  target: string,
  startedAt: Date = new Date(),
  base: string = DEFAULT_REPORT_BASE,
): string {
  let host = 'target';
  try {
    host = new URL(target).host || host;
  } catch {
    // An unparseable target still gets a report directory; it is named generically.
  }
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '')
    .replaceAll('-', '');
  return join(base, `${host.replace(/[^\w.-]+/g, '-')}-${stamp}`);
}

export const DEFAULT_REPORT_BASE = 'eb-conform-reports';

function historySources(option: WriteReportsOptions['history']): string[] {
  if (option === undefined) return [];
  return Array.isArray(option) ? option : [option];
}

function ndjsonFiles(source: string): string[] {
  if (!existsSync(source)) return [];
  if (!statSync(source).isDirectory()) return [source];
  return readdirSync(source)
    .filter((name) => name.endsWith('.ndjson'))
    .sort()
    .map((name) => join(source, name));
}

async function collectHistory(option: WriteReportsOptions['history']): Promise<string | undefined> {
  const files = historySources(option).flatMap(ndjsonFiles);
  if (files.length === 0) return undefined;
  const parts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  const text = parts
    .map((part) => (part === '' || part.endsWith('\n') ? part : `${part}\n`))
    .join('');
  return text === '' ? undefined : text;
}

/**
 * Writes the report directory and returns the paths written. A writer that fails (a bug
 * meeting odd data) does not stop the others: its error goes to report-errors.txt and stderr,
 * because a run must always leave a report behind. Only an unusable directory throws.
 */
export async function writeReports(
  result: RunResult,
  dir: string,
  options: WriteReportsOptions = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const redacted = redactResult(result, options.secretHeaders);
  const mode = options.har ?? 'sample';
  const selection = selectExchanges(redacted, mode);
  const safe = { ...redacted, exchanges: selection.exchanges };
  const render: RenderOptions = {
    reportPath: join(dir, REPORT_FILES.json),
    exchangeNote: sampleNote(selection, mode),
  };
  const written: string[] = [];
  const failures: string[] = [];

  const formats: ReportFormat[] = ['json', 'junit', 'md', 'html', 'har'];
  for (const format of formats) {
    const path = join(dir, REPORT_FILES[format]);
    try {
      await writeFile(path, renderReport(safe, format, render), 'utf8');
      written.push(path);
    } catch (error) {
      failures.push(`${REPORT_FILES[format]}: ${(error as Error).stack ?? String(error)}`);
    }
  }

  const historyPath = join(dir, REPORT_FILES.history);
  try {
    // Written even when empty (an unreachable target leaves no history), so every report
    // directory holds the same files and a CI upload step never has to guess.
    await writeFile(historyPath, (await collectHistory(options.history)) ?? '', 'utf8');
    written.push(historyPath);
  } catch (error) {
    failures.push(`${REPORT_FILES.history}: ${(error as Error).message}`);
  }

  if (failures.length > 0) {
    const errorPath = join(dir, 'report-errors.txt');
    await writeFile(errorPath, `${failures.join('\n\n')}\n`, 'utf8');
    written.push(errorPath);
    console.error(`eb-conform: some report files could not be written, see ${errorPath}`);
  }
  return written;
}

export { loadExpectations, applyExpectations, ExpectationsError } from './expectations.ts';
export type { Expectation, Expectations } from './expectations.ts';
export { readReport, reportSchemaIssues } from './json.ts';
export { verdictLine } from './gate.ts';
export { redactUrl } from './redact.ts';
export { SAMPLE_LIMITS, selectExchanges } from './exchange-sample.ts';
export type { ExchangeSelection, HarMode, SampleLimits } from './exchange-sample.ts';
export { DASHBOARD_FILES } from './files.ts';
export {
  DASHBOARD_SCHEMA_URL,
  dashboardSchemaIssues,
  fleetLine,
  mergeReports,
  writeDashboard,
} from './dashboard/index.ts';
export type {
  BrokerRow,
  Dashboard,
  FrequencyRow,
  MergeOptions,
  MergeOutcome,
  Trend,
  Unreadable,
} from './dashboard/index.ts';
