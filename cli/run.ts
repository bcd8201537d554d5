// `eb-conform run`: resolves the options (flags > EB_CONFORM_* > eb-conform.yaml), runs each
// target through cli/conform/ and tells the user what happened: the findings that need a look,
// the verdict line, the coverage and where the report is. Exit codes: 0 conformant, 1 a
// requirement failed, 2 usage or configuration error, 3 target unreachable or not a broker,
// 4 incomplete (nothing failed, but a requirement the gate needs could not be checked).

import type { RunResult } from '../contract/index.ts';
import { defaultProgressMode } from '../suites/runner/progress.ts';
import { conform } from './conform/conform.ts';
import { planRun, UsageError } from './conform/plan.ts';
import { ConfigError } from './options/config.ts';
import { OptionError, optionsHelp, resolveRuns, type ResolvedRun } from './options/resolve.ts';
import { summaryLines, wantsColour } from './terminal/findings.ts';
import { join } from 'node:path';

export const EXIT_CODES = `exit codes: 0 conformant at the --fail-on level
            1 a requirement failed (FAIL or ERROR; WARN too with --fail-on should)
            2 usage or configuration error: nothing was tested
            3 target unreachable, or not an ExecutionBroker (a report is still written)
            4 incomplete: nothing failed, but a requirement the gate needs could not be
              checked (the findings say what to declare or allow); --allow-incomplete: 0`;

export const RUN_USAGE = `usage: eb-conform run [options]

Runs the conformance suites against a broker (default: the built-in reference broker).
Start with \`eb-conform init --target URL\` to write a declaration of your broker.

${optionsHelp()}

Every option can also be given as an environment variable EB_CONFORM_<OPTION> (e.g.
EB_CONFORM_MAX_WAIT=PT6M) or in eb-conform.yaml (cli/options/eb-conform.schema.json);
flags win over the environment, the environment over the file.

${EXIT_CODES}`;

/** Which requirements of the selection have checks, and why the others have none. */
export function coverageLine(result: RunResult): string {
  const selected = result.requirements.length;
  const checked = result.requirements.filter((req) => req.checkedBy.length > 0).length;
  const whole = result.coverage.total;
  const scope =
    selected === whole
      ? `${whole} requirements`
      : `${selected} selected requirements (of ${whole})`;
  const ids = new Set(result.requirements.map((req) => req.id));
  const rest = result.coverage.notTestable
    .filter((n) => ids.has(n.id))
    .map((n) => `\n  not testable: ${n.id} (${n.reason})`)
    .join('');
  return `coverage: ${checked} of ${scope} checked${rest}`;
}

/** Several targets: the worst news decides (a failure, then unreachable, then incomplete). */
export function combinedExit(codes: readonly number[]): number {
  for (const code of [2, 1, 3, 4]) if (codes.includes(code)) return code;
  return 0;
}

async function runOne(run: ResolvedRun, several: boolean): Promise<number> {
  const plan = planRun(run);
  const quiet = plan.options.quiet === true;
  const progress = plan.options.progress ?? (quiet ? 'none' : defaultProgressMode());
  if (several) console.log(`\n== ${run.name ?? plan.options.target ?? 'built-in'} ==`);
  const outcome = await conform(plan, { progress });
  const { result, reportDir } = outcome;
  if (outcome.problem !== undefined && !quiet) console.log(`eb-conform: ${outcome.problem}`);
  const lines = summaryLines(result, {
    colour: wantsColour(process.stdout, process.env),
    reportPath: join(reportDir, 'report.json'),
    width: process.stdout.columns ?? 0,
    quiet,
  });
  console.log(lines.join('\n'));
  if (!quiet) {
    console.log(coverageLine(result));
    console.log(`report: ${reportDir}`);
  }
  return result.exitCode;
}

export async function runCommand(argv: string[]): Promise<number> {
  let runs: ResolvedRun[];
  try {
    const resolved = resolveRuns(argv, process.env);
    if (resolved.help) {
      console.log(RUN_USAGE);
      return 0;
    }
    runs = resolved.runs;
  } catch (error) {
    if (error instanceof OptionError || error instanceof ConfigError) {
      console.error(
        `eb-conform run: ${error.message}\n\nRun \`eb-conform run --help\` for the options.`,
      );
      return 2;
    }
    throw error;
  }
  const codes: number[] = [];
  for (const run of runs) {
    try {
      codes.push(await runOne(run, runs.length > 1));
    } catch (error) {
      if (error instanceof UsageError) {
        console.error(`eb-conform run: ${error.message}`);
        codes.push(2);
        continue;
      }
      // Not the target's doing and not the user's: say so plainly rather than dump a stack.
      console.error(`eb-conform run: internal error: ${(error as Error).stack ?? String(error)}`);
      codes.push(2);
    }
  }
  return combinedExit(codes);
}
