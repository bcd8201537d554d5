// eb-conform check: re-runs the history checkers on a recorded history.ndjson, offline.
// Exit codes: 0 no violation, 1 violations found, 2 usage or unreadable input.

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import {
  checkHistory,
  RULE_NAMES,
  type Capacity,
  type CheckReport,
  type Rule,
} from '../suites/history/checks.ts';
import { parseHistory } from '../suites/history/events.ts';

const USAGE = `usage: eb-conform check <history.ndjson> [options]

Re-checks a recorded history (one JSON event per line) against the stateful rules.

options:
  --declare FILE        declaration YAML; its capacity {cores, memory, storage} and
                        updatePath are used (else a 'declare' event in the history)
  --format text|json    output format (default text)
  --rules a,b           check only these rules (${RULE_NAMES.join(', ')})
  --skew-ms N           clock tolerance for expiry and slot comparisons (default 1000)
  -h, --help            show this help

In text output, events are numbered from 1 in history order; JSON gives 0-based indices.

exit status: 0 clean, 1 violations found, 2 usage error or unreadable input`;

class UsageError extends Error {}

interface Declared {
  capacity?: Capacity;
  updatePath?: string;
}

async function readDeclaration(file: string): Promise<Declared> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(file, 'utf8'), { maxAliasCount: 50 });
  } catch (error) {
    throw new UsageError(`cannot read declaration ${file}: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null) {
    throw new UsageError(`declaration ${file} is not a YAML mapping`);
  }
  const declared: Declared = {};
  const { capacity, updatePath } = raw as { capacity?: unknown; updatePath?: unknown };
  if (capacity !== undefined) {
    if (typeof capacity !== 'object' || capacity === null) {
      throw new UsageError(`declaration ${file}: capacity must be a mapping`);
    }
    declared.capacity = {};
    for (const key of ['cores', 'memory', 'storage'] as const) {
      const amount = (capacity as Record<string, unknown>)[key];
      if (amount === undefined) continue;
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
        throw new UsageError(`declaration ${file}: capacity.${key} must be a number >= 0`);
      }
      declared.capacity[key] = amount;
    }
  }
  if (typeof updatePath === 'string') declared.updatePath = updatePath;
  return declared;
}

function parseRules(list: string | undefined): Rule[] | undefined {
  if (list === undefined) return undefined;
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(RULE_NAMES as string[]).includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`unknown rule(s) ${unknown.join(', ')}; known: ${RULE_NAMES.join(', ')}`);
  }
  return names as Rule[];
}

function renderText(file: string, report: CheckReport): string {
  const { events, operations, sessions } = report.counts;
  const lines = [`${file}: ${events} events, ${operations} operations, ${sessions} sessions`];
  for (const { rule, reason } of report.skipped) lines.push(`skipped ${rule}: ${reason}`);
  for (const found of report.violations) {
    const where = found.events.map((index) => index + 1).join(', ');
    lines.push(
      `VIOLATION ${found.rule} (${found.requirement}): ${found.message} [events ${where}]`,
    );
  }
  lines.push(
    report.violations.length === 0 ? 'no violations' : `${report.violations.length} violation(s)`,
  );
  return lines.join('\n');
}

export async function checkCommand(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        declare: { type: 'string' },
        format: { type: 'string', default: 'text' },
        rules: { type: 'string' },
        'skew-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      console.log(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('expected exactly one history file');
    const format = values.format;
    if (format !== 'text' && format !== 'json')
      throw new UsageError('--format must be text or json');
    const skewMs = values['skew-ms'] === undefined ? undefined : Number(values['skew-ms']);
    if (skewMs !== undefined && (!Number.isFinite(skewMs) || skewMs < 0)) {
      throw new UsageError('--skew-ms must be a number >= 0');
    }
    const rules = parseRules(values.rules);
    const declared = values.declare === undefined ? {} : await readDeclaration(values.declare);
    const file = positionals[0] as string;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      );
    }
    const { events, problems } = parseHistory(text);
    if (problems.length > 0) {
      const shown = problems.slice(0, 10).map((p) => `  line ${p.line}: ${p.message}`);
      const more = problems.length > 10 ? [`  ... and ${problems.length - 10} more`] : [];
      throw new UsageError(`${file} is not a valid history:\n${[...shown, ...more].join('\n')}`);
    }
    const report = checkHistory(events, {
      ...declared,
      ...(skewMs === undefined ? {} : { skewMs }),
      ...(rules === undefined ? {} : { rules }),
    });
    console.log(format === 'json' ? JSON.stringify(report, null, 2) : renderText(file, report));
    return report.violations.length === 0 ? 0 : 1;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`eb-conform check: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
