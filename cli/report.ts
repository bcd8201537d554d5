// eb-conform report: re-render a stored report.json in another format.

import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readReport, renderReport, REPORT_FILES, type ReportFormat } from '../reports/index.ts';

const USAGE = `usage: eb-conform report <report.json> [--format html|md|junit|json|har] [--out FILE|-]

Re-renders a stored report (default format: md). md, junit and json go to stdout; html and
har, meant for a browser, go to a file beside report.json (report.html, exchanges.har) whose
path is printed. --out FILE writes there instead; --out - writes to stdout.`;

/** Formats a person opens in a browser or viewer: written to a file unless asked otherwise. */
const FILE_FORMATS: ReadonlySet<ReportFormat> = new Set(['html', 'har']);

const FORMATS: readonly ReportFormat[] = ['html', 'md', 'junit', 'json', 'har'];

export async function reportCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'md' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`eb-conform report: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const [file, ...rest] = positionals;
  if (file === undefined || rest.length > 0) {
    console.error(`eb-conform report: expected exactly one report.json\n\n${USAGE}`);
    return 2;
  }
  const format = values.format as ReportFormat;
  if (!FORMATS.includes(format)) {
    console.error(
      `eb-conform report: unknown format "${values.format}" (choose ${FORMATS.join(', ')})`,
    );
    return 2;
  }
  let text: string;
  try {
    const result = readReport(file);
    text = renderReport(result, format, { reportPath: file });
  } catch (error) {
    console.error(`eb-conform report: ${(error as Error).message}`);
    return 2;
  }
  const out =
    values.out ?? (FILE_FORMATS.has(format) ? join(dirname(file), REPORT_FILES[format]) : '-');
  if (out === '-') {
    process.stdout.write(text);
    return 0;
  }
  try {
    await writeFile(out, text, 'utf8');
  } catch (error) {
    console.error(`eb-conform report: cannot write ${out}: ${(error as Error).message}`);
    return 2;
  }
  // The path is the command's answer, so it goes to stdout (scripts can open it).
  console.log(out);
  return 0;
}
