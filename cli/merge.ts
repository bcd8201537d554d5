// `eb-conform merge`: many runs (report.json files, or folders of report folders) into one
// fleet dashboard. Exit 0 when every input was read, 1 when some could not be (the dashboard
// is still written and lists them), 2 for a usage error or when nothing could be read.

import { parseArgs } from 'node:util';
import { fleetLine, mergeReports, writeDashboard } from '../reports/index.ts';
import { toolVersion } from './version.ts';

const USAGE = `usage: eb-conform merge <report.json | report dir>... --out DIR [--previous DIR]

Merges many runs into one dashboard: DIR/dashboard.html (broker x requirement matrix,
most frequent failures, changes), DIR/dashboard.json and DIR/dashboard.md (for a CI step
summary). A folder is searched for report.json files (a folder of report folders, as a CI job
downloads them); each run is named after the folder its report.json is in.

  --out DIR         where to write the dashboard (required)
  --previous DIR    an earlier merge's folder (or its dashboard.json): adds what changed since
  -h, --help        this text

exit codes: 0 every input read, 1 some inputs unreadable (listed in the dashboard),
            2 usage error or nothing readable`;

function usageError(message: string): number {
  console.error(`eb-conform merge: ${message}\n\n${USAGE}`);
  return 2;
}

export async function mergeCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        previous: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) return usageError('name at least one report.json or folder');
  if (values.out === undefined || values.out === '') return usageError('--out DIR is required');
  const { dashboard, notes } = mergeReports(positionals, {
    out: values.out,
    toolVersion: toolVersion(),
    ...(values.previous === undefined ? {} : { previous: values.previous }),
  });
  for (const note of notes) console.error(`eb-conform merge: ${note}`);
  for (const problem of dashboard.unreadable)
    console.error(`eb-conform merge: cannot use ${problem.source}: ${problem.message}`);
  if (dashboard.brokers.length === 0) {
    console.error('eb-conform merge: no report could be read, so no dashboard was written');
    return 2;
  }
  let written: string[];
  try {
    written = await writeDashboard(dashboard, values.out);
  } catch (error) {
    console.error(`eb-conform merge: cannot write ${values.out}: ${(error as Error).message}`);
    return 2;
  }
  console.log(fleetLine(dashboard));
  for (const path of written) console.log(path);
  return dashboard.unreadable.length > 0 ? 1 : 0;
}
