// What `merge` reads: report.json files named on the command line, or found in folders (a
// folder of report folders, as a CI job downloads them), and the previous dashboard for the
// trend. Nothing here throws for a bad input: each one that cannot be used becomes an
// Unreadable entry with its reason, and the merge goes on with the rest.

import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { readReport } from '../json.ts';
import { DASHBOARD_FILES, REPORT_FILES } from '../files.ts';
import {
  brokerRow,
  ColumnSet,
  type BrokerRow,
  type Dashboard,
  type RequirementColumn,
  type Unreadable,
} from './model.ts';
import { dashboardSchemaIssues } from './schema.ts';

/** Folders below a named folder that are searched for report.json (report dir / artifact / run). */
const MAX_DEPTH = 4;
const SKIPPED = new Set(['node_modules', '.git']);

/** Every report.json a path names: the file itself, or those in and below a folder. */
export function findReports(path: string): { files: string[]; problem?: string } {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    return { files: [], problem: `cannot read: ${(error as Error).message}` };
  }
  if (!stat.isDirectory()) return { files: [path] };
  const files: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return; // an unreadable sub-folder holds nothing we can use; its siblings still count
    }
    if (names.includes(REPORT_FILES.json)) {
      files.push(join(dir, REPORT_FILES.json));
      return;
    }
    if (depth >= MAX_DEPTH) return;
    for (const name of names) {
      if (SKIPPED.has(name) || name.startsWith('.')) continue;
      const child = join(dir, name);
      // Symbolic links are not followed: a link back up the tree would loop.
      let isDir = false;
      try {
        isDir = lstatSync(child).isDirectory();
      } catch {
        // gone since it was listed
      }
      if (isDir) walk(child, depth + 1);
    }
  };
  walk(path, 0);
  return files.length === 0
    ? { files, problem: `no ${REPORT_FILES.json} in it or in its sub-folders` }
    : { files };
}

export interface ReadInputs {
  brokers: BrokerRow[];
  requirements: RequirementColumn[];
  unreadable: Unreadable[];
}

/** A name for a run: its folder's name; a second run of the same name gets " (2)". */
function uniqueName(file: string, taken: Set<string>): string {
  const folder = basename(dirname(resolve(file)));
  const base = folder === '' ? 'report' : folder;
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base} (${n})`;
  taken.add(name);
  return name;
}

/**
 * Reads each report in turn and keeps only its summary. `outDir` is where the dashboard goes:
 * links to each run's report.html are made relative to it.
 */
export function readInputs(paths: readonly string[], outDir: string): ReadInputs {
  const brokers: BrokerRow[] = [];
  const unreadable: Unreadable[] = [];
  const columns = new ColumnSet();
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const path of paths) {
    const found = findReports(path);
    if (found.problem !== undefined) unreadable.push({ source: path, message: found.problem });
    for (const file of found.files) {
      if (seen.has(resolve(file))) continue; // named twice (a file and its folder): once
      seen.add(resolve(file));
      let result;
      try {
        result = readReport(file);
      } catch (error) {
        unreadable.push({ source: file, message: (error as Error).message });
        continue;
      }
      const html = join(dirname(file), REPORT_FILES.html);
      const link = existsSync(html) ? relative(outDir, html).split('\\').join('/') : undefined;
      brokers.push(brokerRow(result, uniqueName(file, names), file, link));
      columns.add(result);
    }
  }
  return { brokers, requirements: columns.columns(), unreadable };
}

/**
 * The dashboard of an earlier merge, for the trend: DIR/dashboard.json. Undefined, with a
 * note, when there is none yet (the first night of a schedule); an Unreadable when there is
 * one that is not a dashboard.
 */
export function readPrevious(
  dir: string,
): { dashboard: Dashboard } | { note: string } | { unreadable: Unreadable } {
  const file = dir.endsWith('.json') ? dir : join(dir, DASHBOARD_FILES.json);
  if (!existsSync(file)) return { note: `no previous dashboard at ${file}, so no trend this time` };
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { unreadable: { source: file, message: `not JSON: ${(error as Error).message}` } };
  }
  const issues = dashboardSchemaIssues(doc);
  if (issues.length > 0)
    return {
      unreadable: {
        source: file,
        message: `not an eb-conform dashboard: ${issues.slice(0, 5).join('; ')}`,
      },
    };
  return { dashboard: doc as Dashboard };
}
