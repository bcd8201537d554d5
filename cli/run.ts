// `eb-conform run`: parses the options, hands them to the runner and turns the outcome into an
// exit code (0 conformant, 1 a requirement failed, 2 usage or configuration error, 3 target
// unreachable). All the work is in suites/harness/runner.ts.

import { parseArgs } from 'node:util';
import { verdictLine } from '../reports/index.ts';
import type { ProgressMode } from '../suites/harness/progress.ts';
import type { RunResult } from '../contract/result.ts';
import {
  runConformanceDetailed,
  RunUsageError,
  type RunOptions,
} from '../suites/harness/runner.ts';

export const RUN_USAGE = `usage: eb-conform run [options]

Runs the conformance suites against a broker (default: the built-in reference broker).

  --target URL            broker base URL (default: start the built-in broker)
  --profile NAME          v1.0.7 | v1.0.5 | auto (default: auto with --target, else v1.0.7)
  --spec FILE             validate against this OpenAPI file or folder instead of spec/
  --classes a,b           only these conformance classes (schema, offerset, matching, ...)
  --requirement ID        only this requirement (or id prefix); repeatable
  --seed N                fast-check seed (default: random, printed in the report)
  --runs N                generated cases per property (default 50)
  --max-wait DURATION     longest wait for the broker to act by itself (PT30S, 30s, 500ms)
  --declare FILE          declaration of the target (profile, capacity, offerLifetime, ...)
  -H, --header "N: v"     extra request header, repeatable (values are redacted in reports)
  --user NAME:PASSWORD    HTTP Basic identity for writes (redacted in reports)
  --second-user N:P       a second identity, for the ownership checks
  --request-timeout MS    per-request timeout (default 10000)
  --report-dir DIR        where to write the report (default reports/<host>-<timestamp>/)
  --fail-on LEVEL         must (default) | should: which failures fail the run
  --expect FILE           known failures of this target (YAML), not counted against it
  --fault NAME            built-in broker only: switch on a named defect; repeatable
  --progress MODE         tty | plain | none (default: tty on a terminal, plain in CI)

exit codes: 0 conformant, 1 a requirement failed, 2 usage or configuration error,
            3 target unreachable (a report is still written)`;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Milliseconds from an ISO 8601 duration (PT1M30S), a suffixed number (30s, 500ms, 2m) or bare ms. */
export function parseWait(text: string): number {
  const plain = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (plain !== null) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[
      (plain[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'
    ];
    return Math.round(Number(plain[1]) * unit);
  }
  const iso = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(
    text.trim(),
  );
  if (iso !== null && text.trim() !== 'PT') {
    return Math.round(
      (Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0)) * 1000,
    );
  }
  throw new UsageError(`--max-wait: "${text}" is not a duration (try PT30S, 30s or 500ms)`);
}

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new UsageError(`${name} must be a non-negative integer, got "${text}"`);
  return value;
}

function header(text: string): [string, string] {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  if (name === '' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new UsageError(`-H expects "Name: value", got "${text}"`);
  return [name, text.slice(colon + 1).trim()];
}

/** Turns the command line into RunOptions; throws UsageError for anything it cannot accept. */
export function parseRunArgs(argv: string[]): RunOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        target: { type: 'string' },
        profile: { type: 'string' },
        spec: { type: 'string' },
        classes: { type: 'string' },
        requirement: { type: 'string', multiple: true },
        seed: { type: 'string' },
        runs: { type: 'string' },
        'max-wait': { type: 'string' },
        declare: { type: 'string' },
        header: { type: 'string', short: 'H', multiple: true },
        user: { type: 'string' },
        'second-user': { type: 'string' },
        'request-timeout': { type: 'string' },
        'report-dir': { type: 'string' },
        'fail-on': { type: 'string' },
        expect: { type: 'string' },
        fault: { type: 'string', multiple: true },
        progress: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help === true) return 'help';
  const options: RunOptions = {};
  if (v.target !== undefined) options.target = v.target;
  if (v.profile !== undefined) {
    if (v.profile !== 'v1.0.7' && v.profile !== 'v1.0.5' && v.profile !== 'auto')
      throw new UsageError(`--profile must be v1.0.7, v1.0.5 or auto, got "${v.profile}"`);
    options.profile = v.profile;
  }
  if (v.spec !== undefined) options.spec = v.spec;
  if (v.classes !== undefined)
    options.classes = v.classes
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
  if (v.requirement !== undefined) options.requirements = v.requirement;
  const seed = integer('--seed', v.seed);
  if (seed !== undefined) options.seed = seed;
  const runs = integer('--runs', v.runs);
  if (runs !== undefined) {
    if (runs < 1) throw new UsageError('--runs must be at least 1');
    options.runs = runs;
  }
  if (v['max-wait'] !== undefined) options.maxWaitMs = parseWait(v['max-wait']);
  if (v.declare !== undefined) options.declare = v.declare;
  if (v.header !== undefined) options.headers = Object.fromEntries(v.header.map(header));
  for (const [flag, value] of [
    ['--user', v.user],
    ['--second-user', v['second-user']],
  ] as const) {
    if (value !== undefined && value.indexOf(':') <= 0)
      throw new UsageError(`${flag} expects NAME:PASSWORD, got "${value.split(':')[0]}"`);
  }
  if (v.user !== undefined) options.user = v.user;
  if (v['second-user'] !== undefined) options.secondUser = v['second-user'];
  const timeout = integer('--request-timeout', v['request-timeout']);
  if (timeout !== undefined) {
    if (timeout < 1) throw new UsageError('--request-timeout must be at least 1 ms');
    options.requestTimeoutMs = timeout;
  }
  if (v['report-dir'] !== undefined) options.reportDir = v['report-dir'];
  if (v['fail-on'] !== undefined) {
    if (v['fail-on'] !== 'must' && v['fail-on'] !== 'should')
      throw new UsageError(`--fail-on must be must or should, got "${v['fail-on']}"`);
    options.failOn = v['fail-on'];
  }
  if (v.expect !== undefined) options.expect = v.expect;
  if (v.fault !== undefined)
    options.faults = v.fault
      .flatMap((f) => f.split(','))
      .map((f) => f.trim())
      .filter((f) => f !== '');
  if (v.progress !== undefined) {
    if (!['tty', 'plain', 'none'].includes(v.progress))
      throw new UsageError(`--progress must be tty, plain or none, got "${v.progress}"`);
    options.progress = v.progress as ProgressMode;
  }
  return options;
}

/** Which catalogued requirements the suite checks, and why the others are not. */
export function coverageLine(result: RunResult): string {
  const { total, covered, notTestable } = result.coverage;
  const rest = notTestable.map((n) => `\n  not testable: ${n.id} (${n.reason})`).join('');
  return `coverage: ${covered} of ${total} requirements checked${rest}`;
}

export async function runCommand(argv: string[]): Promise<number> {
  let options: RunOptions | 'help';
  try {
    options = parseRunArgs(argv);
  } catch (error) {
    console.error(`eb-conform run: ${(error as Error).message}\n\n${RUN_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(RUN_USAGE);
    return 0;
  }
  try {
    const { result, reportDir } = await runConformanceDetailed(options);
    console.log(verdictLine(result));
    console.log(coverageLine(result));
    if (result.outcome === 'unreachable') console.log(`target ${result.target} is unreachable`);
    console.log(`report: ${reportDir}`);
    return result.exitCode;
  } catch (error) {
    if (error instanceof RunUsageError) {
      console.error(`eb-conform run: ${error.message}`);
      return 2;
    }
    // Not the target's doing and not the user's: say so plainly rather than dump a stack.
    console.error(`eb-conform run: internal error: ${(error as Error).stack ?? String(error)}`);
    return 2;
  }
}
