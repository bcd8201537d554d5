// eb-conform proxy: a recording, validating reverse proxy between any client and a broker.
// Each exchange is judged as it passes (one line per finding, and an x-eb-conform-findings
// header on the answer); on SIGINT or SIGTERM the full report of everything seen is written,
// as `check` would write it, and the exit code is check's.

import { join } from 'node:path';
import { startProxy } from '../proxy/index.ts';
import { defaultReportDir, writeReports } from '../reports/index.ts';
import { writeEvents } from '../suites/history/recorder.ts';
import type { Declaration } from '../suites/harness/declaration.ts';
import { trafficSummary } from './terminal/findings.ts';
import { OptionError, optionsHelp, resolveCommand } from './options/resolve.ts';
import { trafficOptions } from './traffic-options.ts';
import { toolVersion } from './version.ts';

export const PROXY_USAGE = `usage: eb-conform proxy --target URL [options]

Forwards every request to the broker at URL, records it and judges it with the conformance
rules. Point any client (curl, the Python client, a browser) at the proxy instead of the broker.

options:
${optionsHelp('proxy')}

Every option can also be given as EB_CONFORM_<OPTION> (flags win).
Each finding is printed as one line as it happens. Stop with Ctrl-C (SIGINT) or SIGTERM:
the report is written and the exit code is check's (0 nothing observed violates, 1 a
violation, 2 nothing to check or a usage error).`;

interface ProxyArgs {
  target: string;
  port: number;
  host: string;
  reportDir?: string;
  profile?: 'v1.0.7' | 'v1.0.5';
  declaration: Declaration;
  findingHeaders: boolean;
  requestTimeoutMs?: number;
  failOn: 'must' | 'should';
  argv: string[];
}

function parse(argv: string[]): ProxyArgs | 'help' {
  const { options, help } = resolveCommand('proxy', argv, process.env);
  if (help) return 'help';
  if (options.target === undefined) throw new OptionError('--target URL is required');
  const shared = trafficOptions(options);
  return {
    target: options.target,
    port: options.port ?? 8081,
    host: options.host ?? '127.0.0.1',
    ...(options.reportDir === undefined ? {} : { reportDir: options.reportDir }),
    ...(shared.profile === undefined ? {} : { profile: shared.profile }),
    declaration: shared.declaration,
    findingHeaders: options.noFindingHeaders !== true,
    ...(options.requestTimeout === undefined ? {} : { requestTimeoutMs: options.requestTimeout }),
    failOn: shared.failOn,
    argv,
  };
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

export async function proxyCommand(
  argv: string[],
  stopped: Promise<unknown> = stopSignal(),
): Promise<number> {
  const startedAt = new Date();
  let args: ProxyArgs | 'help';
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`eb-conform proxy: ${(error as Error).message}\n\n${PROXY_USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(PROXY_USAGE);
    return 0;
  }
  let proxy;
  try {
    proxy = await startProxy({
      target: args.target,
      port: args.port,
      host: args.host,
      findingHeaders: args.findingHeaders,
      declaration: args.declaration,
      ...(args.profile === undefined ? {} : { profile: args.profile }),
      ...(args.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: args.requestTimeoutMs }),
      say: (line) => console.log(line),
    });
  } catch (error) {
    console.error(
      `eb-conform proxy: cannot listen on ${args.host}:${args.port}: ${(error as Error).message}`,
    );
    return 2;
  }
  console.log(
    `eb-conform proxy: ${proxy.url} -> ${args.target} (stop with Ctrl-C to write the report)`,
  );
  await stopped;
  await proxy.close();
  const result = proxy.judge.result({
    mode: 'proxy',
    target: args.target,
    startedAt,
    command: ['eb-conform', 'proxy', ...args.argv].join(' '),
    tool: { name: 'eb-conform', version: toolVersion() },
    failOn: args.failOn,
  });
  const reportDir = args.reportDir ?? defaultReportDir(args.target, startedAt);
  await writeReports(result, reportDir, { history: [] });
  // The history the rules judged, so the report directory can be checked again as it is.
  await writeEvents(join(reportDir, 'history.ndjson'), proxy.judge.events());
  const seen = proxy.judge.count();
  if (result.outcome === 'error')
    console.log(
      `nothing to check: ${seen} exchange${seen === 1 ? '' : 's'} passed, none the rules could judge`,
    );
  else {
    console.log(trafficSummary(result, reportDir).join('\n'));
    return result.exitCode;
  }
  console.log(`report: ${reportDir}`);
  return result.exitCode;
}
