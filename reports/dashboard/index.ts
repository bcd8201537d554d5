// `eb-conform merge`'s engine: many report.json files in, one dashboard out (dashboard.json,
// dashboard.html, dashboard.md). The CLI parses arguments and calls mergeReports, then
// writeDashboard.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DASHBOARD_FILES } from '../files.ts';
import { renderDashboardHtml } from './html.ts';
import { readInputs, readPrevious } from './inputs.ts';
import { renderDashboardMarkdown } from './markdown.ts';
import { byWorst, DASHBOARD_VERSION, frequency, trend, type Dashboard } from './model.ts';

export interface MergeOptions {
  /** Where the dashboard will be written (links to each run's report.html are relative to it). */
  out: string;
  /** A previous merge's folder (or its dashboard.json), for the trend. */
  previous?: string;
  toolVersion: string;
  /** The merge's time stamp (default: now). */
  now?: Date;
}

export interface MergeOutcome {
  dashboard: Dashboard;
  /** Things worth saying that are not problems (e.g. no previous dashboard yet). */
  notes: string[];
}

export function mergeReports(inputs: readonly string[], options: MergeOptions): MergeOutcome {
  const read = readInputs(inputs, options.out);
  const brokers = [...read.brokers].sort(byWorst);
  const dashboard: Dashboard = {
    dashboardVersion: DASHBOARD_VERSION,
    generatedAt: (options.now ?? new Date()).toISOString(),
    tool: { name: 'eb-conform', version: options.toolVersion },
    brokers,
    requirements: read.requirements,
    frequency: frequency(brokers, read.requirements),
    unreadable: read.unreadable,
  };
  const notes: string[] = [];
  if (options.previous !== undefined) {
    const previous = readPrevious(options.previous);
    if ('dashboard' in previous) dashboard.trend = trend(previous.dashboard, brokers);
    else if ('note' in previous) notes.push(previous.note);
    else dashboard.unreadable.push(previous.unreadable);
  }
  return { dashboard, notes };
}

/** Writes dashboard.json, dashboard.html and dashboard.md into `dir`; returns their paths. */
export async function writeDashboard(dashboard: Dashboard, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    [join(dir, DASHBOARD_FILES.json), `${JSON.stringify(dashboard, null, 2)}\n`],
    [join(dir, DASHBOARD_FILES.html), renderDashboardHtml(dashboard)],
    [join(dir, DASHBOARD_FILES.md), renderDashboardMarkdown(dashboard)],
  ];
  for (const [path, text] of files) await writeFile(path, text, 'utf8');
  return files.map(([path]) => path);
}

export { fleetLine } from './model.ts';
export type { BrokerRow, Dashboard, FrequencyRow, Trend, Unreadable } from './model.ts';
export { dashboardSchemaIssues, DASHBOARD_SCHEMA_URL } from './schema.ts';
