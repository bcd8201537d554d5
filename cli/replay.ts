// eb-conform replay: re-send the exchanges behind one failing requirement (or case) of a
// stored report, print them beside their recording, then run that requirement again to give
// its verdict today.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunResult, Verdict } from '../contract/result.ts';
import { formatExchange } from '../reports/evidence.ts';
import { isBad } from '../contract/index.ts';
import { readReport } from '../reports/json.ts';
import { startMockBroker } from '../mock/index.ts';
import { runConformance } from './conform/index.ts';
import { readHeaders } from './options/values.ts';
import {
  replayExchanges,
  selectForReplay,
  similarIds,
  type ReplayStep,
} from '../reports/replay.ts';

const USAGE = `usage: eb-conform replay <report.json> <requirement-id|case-id> [options]

Re-sends the recorded exchanges of a failing requirement or case, then re-runs the requirement.

options:
  --target URL       broker to replay against (default: the recorded target; for a run against
                     the built-in broker, a fresh built-in broker with the recorded faults)
  -H 'Name: value'   extra request header, repeatable (redacted headers must be given again)
  --timeout MS       per-request timeout (default 10000)
  --no-rerun         only re-send the exchanges; do not run the requirement again
  --quiet            print one line per exchange instead of the full exchanges

exit status: 1 when the failure reproduces, 0 when it does not, 2 on bad input or no target.`;

/** Headers given with -H, names lowercased (one parser for every command's -H). */
export function parseHeaders(values: readonly string[]): Record<string, string> {
  const read = readHeaders([...values], '-H');
  return Object.fromEntries(
    Object.entries(read).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

function profileOf(result: RunResult): 'v1.0.7' | 'v1.0.5' | undefined {
  return result.profile === 'v1.0.7' || result.profile === 'v1.0.5' ? result.profile : undefined;
}

function describe(step: ReplayStep, quiet: boolean, setup: ReadonlySet<string>): string {
  const was = step.recorded.response?.status ?? step.recorded.error ?? 'no response';
  const now = step.replayed.response?.status ?? step.replayed.error ?? 'no response';
  const role = setup.has(step.recorded.id) ? ' (setup)' : '';
  const line = `${step.recorded.id}${role}  ${step.replayed.request.method} ${step.replayed.request.url}  recorded ${was}, now ${now}${step.same ? '' : '  (differs)'}`;
  const dropped =
    step.droppedHeaders.length === 0
      ? ''
      : `\n  not sent (redacted in the report, give them with -H): ${step.droppedHeaders.join(', ')}`;
  return quiet ? line + dropped : `--- ${line}${dropped}\n${formatExchange(step.replayed, 2000)}\n`;
}

export async function replayCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        target: { type: 'string' },
        header: { type: 'string', short: 'H', multiple: true, default: [] },
        timeout: { type: 'string', default: '10000' },
        'no-rerun': { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`eb-conform replay: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const [file, id, ...rest] = positionals;
  if (file === undefined || id === undefined || rest.length > 0) {
    console.error(
      `eb-conform replay: expected a report.json and one requirement or case id\n\n${USAGE}`,
    );
    return 2;
  }
  const timeoutMs = Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    console.error(
      `eb-conform replay: --timeout wants a positive number of milliseconds, not "${values.timeout}"`,
    );
    return 2;
  }
  let result: RunResult;
  let headers: Record<string, string>;
  try {
    result = readReport(file);
    headers = parseHeaders(values.header);
  } catch (error) {
    console.error(`eb-conform replay: ${(error as Error).message}`);
    return 2;
  }
  const selection = selectForReplay(result, id);
  if (selection === undefined) {
    const near = similarIds(result, id);
    console.error(
      `eb-conform replay: ${file} has no requirement or case "${id}"${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''}`,
    );
    return 2;
  }
  const { requirement } = selection;
  const recordedVerdict: Verdict = selection.case?.verdict ?? requirement.verdict;
  console.log(`${requirement.id} (${requirement.level}): ${requirement.statement}`);
  console.log(
    `recorded verdict: ${recordedVerdict}${selection.case === undefined ? '' : ` (case ${selection.case.id})`}`,
  );

  const faults = result.builtIn ? (result.faults ?? []) : [];
  let broker: Awaited<ReturnType<typeof startMockBroker>> | undefined;
  let target = values.target;
  try {
    if (target === undefined && result.builtIn) {
      broker = await startMockBroker({
        port: 0,
        host: '127.0.0.1',
        profile: profileOf(result),
        faults,
      });
      target = broker.url;
      console.log(
        `started the built-in broker at ${target}${faults.length > 0 ? ` with faults ${faults.join(', ')}` : ''}`,
      );
    }
    target ??= result.target;

    let reproducedByExchanges = false;
    if (selection.exchanges.length === 0) {
      console.log('no recorded exchanges to re-send for this requirement');
    } else {
      const setupNote =
        selection.setup.length === 0
          ? ''
          : `, ${selection.setup.length} of them setup that first made the uuids the evidence uses`;
      console.log(
        `re-sending ${selection.exchanges.length} exchange(s) to ${target}${setupNote}\n`,
      );
      const steps = await replayExchanges(result, selection.exchanges, {
        target,
        headers,
        timeoutMs,
      });
      const setup = new Set(selection.setup);
      for (const step of steps) console.log(describe(step, values.quiet, setup));
      const same = steps.filter((step) => step.same).length;
      reproducedByExchanges = same === steps.length;
      console.log(`${same} of ${steps.length} exchange(s) answered as recorded`);
    }
    if (selection.missing.length > 0)
      console.log(`not in the report, so not re-sent: ${selection.missing.join(', ')}`);

    if (values['no-rerun']) return reproducedByExchanges && isBad(recordedVerdict) ? 1 : 0;
    const reportDir = await mkdtemp(join(tmpdir(), 'eb-conform-replay-'));
    try {
      // A built-in run is repeated on a built-in broker the runner configures itself (clock,
      // declaration), with the same faults; an external one against the target given.
      const { result: again } = await runConformance({
        ...(result.builtIn && values.target === undefined ? { fault: faults } : { target }),
        profile: profileOf(result) ?? 'auto',
        requirement: [requirement.id],
        seed: result.seed,
        runs: result.runs,
        header: headers,
        requestTimeout: timeoutMs,
        reportDir,
      });
      const now = again.requirements.find((req) => req.id === requirement.id);
      const verdict = now?.verdict;
      console.log(
        `\nverdict now: ${verdict ?? 'not run'} (recorded ${recordedVerdict}), seed ${result.seed}`,
      );
      for (const c of now?.cases ?? []) {
        for (const e of c.evidence) if (isBad(c.verdict)) console.log(`  ${c.name}: ${e.message}`);
      }
      if (verdict !== undefined && isBad(verdict)) {
        console.log('the failure reproduces');
        return 1;
      }
      console.log(
        verdict === undefined
          ? 'the requirement was not run again'
          : 'the failure does not reproduce',
      );
      return 0;
    } finally {
      await rm(reportDir, { recursive: true, force: true });
    }
  } catch (error) {
    console.error(`eb-conform replay: ${(error as Error).message}`);
    return 2;
  } finally {
    await broker?.close();
  }
}
