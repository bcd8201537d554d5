// eb-conform check: judges recorded traffic (HAR files, folders of documents, HTTP transcripts,
// history.ndjson) with the same rules as a live run, and writes the same report files.
// Exit codes: 0 nothing observed violates, 1 a violation, 2 usage error or unusable input
// (including traffic in which there was nothing to check).

import { join } from 'node:path';
import { defaultReportDir, writeReports } from '../reports/index.ts';
import type { Declaration } from '../suites/harness/declaration.ts';
import { writeEvents } from '../suites/history/recorder.ts';
import { checkResult, checkTraffic, type CheckOutcome } from '../suites/judge/check.ts';
import { judgedAnything } from '../suites/judge/result.ts';
import { INPUT_KIND_TEXT, InputError } from '../suites/traffic/inputs.ts';
import { TIME_SOURCE_TEXT } from '../suites/traffic/types.ts';
import type { RunResult } from '../contract/result.ts';
import { trafficSummary } from './terminal/findings.ts';
import { OptionError, optionsHelp, resolveCommand } from './options/resolve.ts';
import { trafficOptions } from './traffic-options.ts';
import { toolVersion } from './version.ts';

export const CHECK_USAGE = `usage: eb-conform check <inputs...> [options]

Judges recorded traffic with the conformance rules: what in it breaks the standard.
Inputs, in any mix: HAR files, folders of request/response documents (read in file name
order as one conversation), curl -i / curl -v / raw HTTP transcripts, history.ndjson,
single JSON or YAML documents. See docs/OFFLINE.md.

options:
${optionsHelp('check')}

Every option can also be given as EB_CONFORM_<OPTION> (flags win).
Requirements the traffic says nothing about are NOT_OBSERVED, never PASS.
exit status: 0 nothing observed violates, 1 a violation, 2 usage error or unusable input`;

interface CheckArgs {
  inputs: string[];
  profile: 'v1.0.7' | 'v1.0.5' | 'auto';
  declaration: Declaration;
  declareFile?: string;
  reportDir?: string;
  rules?: string[];
  skewMs?: number;
  failOn: 'must' | 'should';
  format: 'text' | 'json';
}

function parse(argv: string[]): CheckArgs | 'help' {
  const { options, positionals, help } = resolveCommand('check', argv, process.env);
  if (help) return 'help';
  if (positionals.length === 0) throw new OptionError('expected at least one input');
  const shared = trafficOptions(options);
  return {
    inputs: positionals,
    profile: shared.profile ?? 'auto',
    declaration: shared.declaration,
    ...(shared.declareFile === undefined ? {} : { declareFile: shared.declareFile }),
    ...(options.reportDir === undefined ? {} : { reportDir: options.reportDir }),
    ...(options.rules === undefined ? {} : { rules: options.rules }),
    ...(options.skewMs === undefined ? {} : { skewMs: options.skewMs }),
    failOn: shared.failOn,
    format: options.format ?? 'text',
  };
}

function commandLine(args: CheckArgs): string {
  const words = ['eb-conform', 'check', ...args.inputs];
  if (args.profile !== 'auto') words.push('--profile', args.profile);
  if (args.declareFile !== undefined) words.push('--declare', args.declareFile);
  if (args.rules !== undefined) words.push('--rules', args.rules.join(','));
  if (args.skewMs !== undefined) words.push('--skew-ms', String(args.skewMs));
  if (args.failOn === 'should') words.push('--fail-on', 'should');
  return words.join(' ');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What was read and how it was read, before the verdicts. */
function preamble(outcome: CheckOutcome): string[] {
  const counts = outcome.judge.counts();
  const lines = outcome.inputs.map(
    (input) => `read ${input.path} (${INPUT_KIND_TEXT[input.kind]})`,
  );
  lines.push(
    `${plural(counts.exchanges, 'exchange')} (${counts.broker} with the broker's operations), ` +
      `${plural(counts.documents, 'ExecutionBroker document')}, ` +
      `${plural(counts.offersets, 'offer set')}, ${plural(counts.sessions, 'session')}`,
  );
  lines.push(`profile ${outcome.profile.profile}: ${outcome.profile.how}`);
  for (const source of outcome.timeSources) lines.push(`times: ${TIME_SOURCE_TEXT[source]}`);
  for (const problem of outcome.problems.slice(0, 10))
    lines.push(`skipped ${problem.source}: ${problem.message}`);
  if (outcome.problems.length > 10) lines.push(`skipped ${outcome.problems.length - 10} more`);
  const notes = outcome.judge.notes;
  for (const note of notes.slice(0, 10)) lines.push(`note ${note.where}: ${note.message}`);
  if (notes.length > 10)
    lines.push(`note: ${notes.length - 10} more bodies that are not ExecutionBroker documents`);
  return lines;
}

function jsonSummary(result: RunResult, outcome: CheckOutcome, reportDir: string): string {
  return JSON.stringify(
    {
      outcome: result.outcome,
      exitCode: result.exitCode,
      profile: outcome.profile,
      timeSources: outcome.timeSources,
      counts: outcome.judge.counts(),
      notes: outcome.judge.notes,
      problems: outcome.problems,
      requirements: result.requirements.map((r) => ({
        id: r.id,
        level: r.level,
        verdict: r.verdict,
        evidence: r.cases.filter((c) => c.verdict === r.verdict).flatMap((c) => c.evidence),
      })),
      reportDir,
    },
    null,
    2,
  );
}

export async function checkCommand(argv: string[]): Promise<number> {
  const startedAt = new Date();
  let args: CheckArgs | 'help';
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`eb-conform check: ${(error as Error).message}\n\n${CHECK_USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(CHECK_USAGE);
    return 0;
  }
  let outcome: CheckOutcome;
  try {
    outcome = await checkTraffic({
      inputs: args.inputs,
      profile: args.profile,
      declaration: args.declaration,
      ...(args.rules === undefined ? {} : { rules: args.rules }),
      ...(args.skewMs === undefined ? {} : { skewMs: args.skewMs }),
    });
  } catch (error) {
    const usage = error instanceof InputError || /unknown rule/.test((error as Error).message);
    console.error(
      `eb-conform check: ${(error as Error).message}${usage ? '' : ' (while reading the inputs)'}`,
    );
    return 2;
  }
  const result = checkResult(outcome, {
    startedAt,
    command: commandLine(args),
    tool: { name: 'eb-conform', version: toolVersion() },
    failOn: args.failOn,
  });
  const reportDir = args.reportDir ?? defaultReportDir(outcome.target, startedAt);
  await writeReports(result, reportDir, { history: [] });
  // The history the rules judged, so the report directory can be checked again as it is.
  await writeEvents(join(reportDir, 'history.ndjson'), outcome.judge.events);
  if (args.format === 'json') {
    console.log(jsonSummary(result, outcome, reportDir));
    return result.exitCode;
  }
  console.log(preamble(outcome).join('\n'));
  if (!judgedAnything(outcome.judge)) {
    const { sessions } = outcome.judge.counts();
    console.log(
      `nothing to check: ${plural(sessions, 'session')} in ${plural(outcome.inputs.length, 'input')}` +
        ' (no ExecutionBroker exchange the rules could judge)',
    );
  } else {
    console.log(trafficSummary(result, reportDir).join('\n'));
    return result.exitCode;
  }
  console.log(`report: ${reportDir}`);
  return result.exitCode;
}
