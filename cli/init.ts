// `eb-conform init --target URL [--out FILE]`: probes a broker and writes a commented
// declaration file for `eb-conform run --declare`. Exit codes: 0 written, 2 usage (or the file
// exists and --force was not given), 3 the target is unreachable or not an ExecutionBroker.

import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { declarationText } from './init/declaration-file.ts';
import { probeBroker } from './init/probe.ts';
import { parseCredentials } from '../suites/harness/context.ts';
import { readDuration, readHeaders, readUrl } from './options/values.ts';

export const INIT_USAGE = `usage: eb-conform init --target URL [options]

Probes a broker (one sample offer set, rejected afterwards) and writes a commented declaration
for \`eb-conform run --declare\`: the profile and create path, JSON/YAML, the offer lifetime,
direct execution, connectors, labels, a control clock, whether writes need credentials, and
TODO lines for what no probe can know (the platform capacity).

  --target URL            the broker's base URL (required)
  --out FILE              where to write (default eb-conform.declare.yaml)
  --force                 overwrite FILE if it exists
  --user NAME:PASSWORD    credentials for the sample request, when writes need them
  -H, --header "N: v"     extra request header, repeatable
  --request-timeout D     per-request timeout (default 10s)

exit codes: 0 written, 2 usage error or FILE exists, 3 target unreachable or not a broker`;

export async function initCommand(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        target: { type: 'string' },
        out: { type: 'string', default: 'eb-conform.declare.yaml' },
        force: { type: 'boolean', default: false },
        user: { type: 'string' },
        header: { type: 'string', short: 'H', multiple: true },
        'request-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    console.error(`eb-conform init: ${(error as Error).message}\n\n${INIT_USAGE}`);
    return 2;
  }
  if (values.help === true) {
    console.log(INIT_USAGE);
    return 0;
  }
  let target: string;
  let headers: Record<string, string>;
  let timeoutMs: number | undefined;
  try {
    if (values.target === undefined) throw new Error('--target URL is required');
    target = readUrl(values.target, '--target');
    headers = values.header === undefined ? {} : readHeaders(values.header, '-H');
    timeoutMs =
      values['request-timeout'] === undefined
        ? undefined
        : readDuration(values['request-timeout'], '--request-timeout');
    if (existsSync(values.out) && values.force !== true)
      throw new Error(`${values.out} exists; give --force to overwrite it or --out another file`);
  } catch (error) {
    console.error(`eb-conform init: ${(error as Error).message}`);
    return 2;
  }
  const probed = await probeBroker({
    target,
    headers,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(values.user === undefined ? {} : { credentials: parseCredentials(values.user) }),
  });
  if (probed.problem !== undefined) {
    console.error(`eb-conform init: ${probed.problem}`);
    return 3;
  }
  writeFileSync(values.out, declarationText(target, probed, new Date()));
  console.log(`wrote ${values.out}`);
  for (const finding of probed.findings)
    if (finding.field !== undefined)
      console.log(`  ${finding.field}: ${JSON.stringify(finding.value)}  (${finding.evidence})`);
  for (const todo of probed.todo) console.log(`  TODO ${todo}`);
  console.log(`next: eb-conform run --target ${target} --declare ${values.out}`);
  return 0;
}
