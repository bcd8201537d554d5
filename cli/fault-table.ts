// Shows that the suite has teeth: for every named fault of the reference broker, run only the
// tests of the requirement the fault breaks, with the fault switched on, and record the
// verdict. Then runs the whole suite once against the Calycopis preset (every defect of the
// Java broker at once), because one defect can hide another: each must still be reported by
// its own requirement. Writes docs/FAULTS.md (and, with --json FILE, both tables as JSON).
//
//   node bin/run-ts.js cli/fault-table.ts [--only a,b] [--runs N] [--json FILE] [--from FILE] [--no-docs] [--no-preset]

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CALYCOPIS_PRESET, FAULTS } from '../mock/faults.ts';
import { levelOf } from '../suites/harness/catalogue.ts';
import { discoverTests, PROJECT_ROOT } from '../suites/runner/discover.ts';
import type { Level, RunResult, Verdict } from '../contract/result.ts';
import { runConformance } from './conform/index.ts';

export interface FaultRow {
  fault: string;
  requirement: string;
  level: Level | 'unknown';
  description: string;
  /** The tied requirement's verdict with the fault on; undefined when no test checks it yet. */
  verdict?: Verdict;
  /** FAIL for a MUST, WARN (or FAIL) otherwise. */
  detected: boolean;
  evidence?: string;
}

export function expectedVerdict(level: Level | 'unknown'): Verdict {
  return level === 'MUST' ? 'FAIL' : 'WARN';
}

/** The built-in broker with `faults` on, the selected requirements only (default: all). */
async function runWithFaults(
  faults: readonly string[],
  runs: number | undefined,
  requirements?: string[],
): Promise<RunResult> {
  const reportDir = mkdtempSync(join(tmpdir(), 'eb-conform-fault-'));
  try {
    const { result } = await runConformance({
      fault: [...faults],
      ...(requirements === undefined ? {} : { requirement: requirements }),
      seed: 1,
      ...(runs === undefined ? {} : { runs }),
      requestTimeout: 3_000,
      maxWait: 5_000,
      reportDir,
    });
    return result;
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

/**
 * What a run says about each named fault: the verdict of the requirement it breaks, and the
 * first evidence behind that verdict. Without a run (no test checks it) the row has no verdict.
 */
export function faultRows(result: RunResult | undefined, names: readonly string[]): FaultRow[] {
  return names.map((name) => {
    const fault = FAULTS.find((f) => f.name === name);
    const requirement = fault?.requirement ?? '(unknown fault)';
    const level = levelOf(requirement) ?? 'unknown';
    const req = result?.requirements.find((r) => r.id === requirement);
    const message = req?.cases.flatMap((c) =>
      c.verdict === req.verdict ? c.evidence.map((e) => e.message) : [],
    )[0];
    return {
      fault: name,
      requirement,
      level,
      description: fault?.description ?? '',
      ...(req === undefined ? {} : { verdict: req.verdict }),
      detected:
        req !== undefined &&
        (req.verdict === 'FAIL' || (level !== 'MUST' && req.verdict === 'WARN')),
      ...(message === undefined ? {} : { evidence: message.split('\n')[0] }),
    };
  });
}

/** Each fault alone, with only the tests of the requirement it breaks. */
export async function detectFaults(only?: readonly string[], runs?: number): Promise<FaultRow[]> {
  const tested = new Set(discoverTests().flatMap((t) => t.requirements));
  const rows: FaultRow[] = [];
  for (const fault of FAULTS) {
    if (only !== undefined && only.length > 0 && !only.includes(fault.name)) continue;
    const result = tested.has(fault.requirement)
      ? await runWithFaults([fault.name], runs, [fault.requirement])
      : undefined;
    rows.push(...faultRows(result, [fault.name]));
  }
  return rows;
}

/** The whole suite against the built-in broker with every Calycopis defect switched on. */
export async function detectPreset(runs?: number): Promise<FaultRow[]> {
  return faultRows(await runWithFaults(CALYCOPIS_PRESET, runs), CALYCOPIS_PRESET);
}

/** Evidence with its run-specific parts (uuids, instants, ports) masked, so the doc is stable. */
function cell(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, '<instant>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ')
    .slice(0, 160);
}

function presetSection(preset: readonly FaultRow[]): string[] {
  const caught = preset.filter((r) => r.detected).length;
  return [
    '',
    '## The Calycopis preset: every defect of the Java broker at once',
    '',
    'The built-in broker started with `--fault calycopis` (mock/faults.ts `CALYCOPIS_PRESET`)',
    'behaves like the Java reference implementation (STANDARD.md section 6). The whole suite is',
    'run once against it; each defect must still be reported by its own requirement, even with',
    'the other defects switched on (`eb-conform run --fault calycopis`).',
    '',
    `${caught} of ${preset.length} defects reported.`,
    '',
    '| defect | requirement | level | verdict | reported | first evidence |',
    '| --- | --- | --- | --- | --- | --- |',
    ...preset.map(
      (r) =>
        `| \`${r.fault}\` | \`${r.requirement}\` | ${r.level} | ${r.verdict ?? 'not run'} | ${r.detected ? 'yes' : '**no**'} | ${cell(r.evidence ?? '')} |`,
    ),
  ];
}

export function renderFaultTable(rows: readonly FaultRow[], preset?: readonly FaultRow[]): string {
  const detected = rows.filter((r) => r.detected).length;
  const untested = rows.filter((r) => r.verdict === undefined).length;
  return [
    '# Faults the conformance suite detects',
    '',
    'Generated by `node bin/run-ts.js cli/fault-table.ts`; do not edit by hand.',
    '',
    'Each named fault of the reference broker (mock/faults.ts) breaks one requirement. With the',
    "fault switched on, only that requirement's tests are run; the fault counts as detected when",
    'a MUST requirement FAILs, or a SHOULD, MAY or CONVENTION requirement WARNs.',
    '',
    `${detected} of ${rows.length} faults detected${untested > 0 ? `; ${untested} not yet covered by a test` : ''}.`,
    '',
    '| fault | requirement | level | verdict | detected | first evidence |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| \`${r.fault}\` | \`${r.requirement}\` | ${r.level} | ${r.verdict ?? 'no test yet'} | ${r.verdict === undefined ? '-' : r.detected ? 'yes' : '**no**'} | ${cell(r.evidence ?? '')} |`,
    ),
    ...(preset === undefined ? [] : presetSection(preset)),
    '',
  ].join('\n');
}

/** The --json file: both tables (the preset one absent with --only or --no-preset). */
export interface FaultTables {
  faults: FaultRow[];
  preset?: FaultRow[];
}

function print(rows: readonly FaultRow[], heading: string): void {
  console.log(heading);
  for (const row of rows) {
    const status =
      row.verdict === undefined ? 'no test yet' : row.detected ? 'detected' : 'NOT DETECTED';
    console.log(
      `${(row.verdict ?? '-').padEnd(14)} ${status.padEnd(12)} ${row.fault} -> ${row.requirement}`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      json: { type: 'string' },
      runs: { type: 'string' },
      from: { type: 'string' },
      'no-docs': { type: 'boolean' },
      'no-preset': { type: 'boolean' },
    },
  });
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  const only = values.only?.split(',');
  // --from FILE re-renders the doc from a previous --json output without running anything.
  let tables: FaultTables;
  if (values.from !== undefined) {
    tables = JSON.parse(readFileSync(values.from, 'utf8')) as FaultTables;
  } else {
    tables = { faults: await detectFaults(only, runs) };
    if (only === undefined && values['no-preset'] !== true)
      tables.preset = await detectPreset(runs);
  }
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(tables, null, 2));
  if (values['no-docs'] !== true)
    writeFileSync(
      join(PROJECT_ROOT, 'docs', 'FAULTS.md'),
      renderFaultTable(tables.faults, tables.preset),
    );
  print(tables.faults, 'each fault alone:');
  if (tables.preset !== undefined) print(tables.preset, 'the calycopis preset, all at once:');
}

if (
  process.argv[1] !== undefined &&
  import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')
)
  await main();
