// Assembling the RunResult of a run: the suites' verdicts plus who ran what against whom, the
// gate's decision, and the command line that reproduces it (secrets left out).

import { readFileSync } from 'node:fs';
import { gateOutcome, REPORT_VERSION, type RunResult } from '../../contract/index.ts';
import type { RequirementInfo } from '../../suites/harness/catalogue.ts';
import type { Collected } from '../../suites/runner/collect.ts';
import { RUN_OPTIONS } from '../options/table.ts';
import type { RunPlan } from './plan.ts';

export function toolVersion(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Options that never go into the reproduction command (where it writes, how it shows). */
const NOT_REPRODUCING = new Set(['reportDir', 'progress', 'quiet', 'config', 'only', 'workers']);

/** `eb-conform run ...` with the seed and profile the run used; secrets shown as `...`. */
export function commandLine(plan: RunPlan, profile: string): string {
  const words = ['eb-conform', 'run'];
  const options = { ...plan.options, profile, seed: plan.seed, runs: plan.runs } as Record<
    string,
    unknown
  >;
  for (const option of RUN_OPTIONS) {
    const value = options[option.key];
    if (value === undefined || NOT_REPRODUCING.has(option.key)) continue;
    const flag = `--${option.flag}`;
    if (option.key === 'header')
      for (const name of Object.keys(value as Record<string, string>))
        words.push('-H', `"${name}: ..."`);
    else if (option.key === 'user' || option.key === 'secondUser')
      words.push(flag, `${String(value).split(':')[0]}:...`);
    else if (option.arg === undefined) {
      if (value === true) words.push(flag);
    } else if (Array.isArray(value)) for (const item of value) words.push(flag, String(item));
    else if (option.key === 'maxWait' || option.key === 'requestTimeout')
      words.push(flag, `${String(value)}ms`);
    else words.push(flag, String(value));
  }
  return words.join(' ');
}

export interface Assembly {
  plan: RunPlan;
  target: string;
  builtIn: boolean;
  profile: string;
  startedAt: Date;
  collected: Pick<Collected, 'requirements' | 'classes' | 'coverage' | 'exchanges' | 'timeline'> &
    Partial<Pick<Collected, 'capacitySamples'>>;
  /** Set when the target could not be tested at all (unreachable, not a broker). */
  unreachable?: boolean;
}

export function assembleResult(input: Assembly): RunResult {
  const { plan, collected } = input;
  const result: RunResult = {
    reportVersion: REPORT_VERSION,
    tool: { name: 'eb-conform', version: toolVersion() },
    target: input.target,
    builtIn: input.builtIn,
    profile: input.profile,
    specHash: plan.specHash,
    seed: plan.seed,
    runs: plan.runs,
    startedAt: input.startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    failOn: plan.failOn,
    mode: 'run',
    ...gateOutcome({
      requirements: collected.requirements,
      failOn: plan.failOn,
      allowIncomplete: plan.options.allowIncomplete === true,
      ...(input.unreachable === true ? { outcome: 'unreachable' as const } : {}),
    }),
    classes: collected.classes,
    requirements: collected.requirements,
    coverage: collected.coverage,
    exchanges: collected.exchanges,
    timeline: collected.timeline,
    command: commandLine(plan, input.profile),
  };
  if (plan.options.allowIncomplete === true) result.allowIncomplete = true;
  if (plan.faults.length > 0) result.faults = [...plan.faults];
  const totals = plan.declaration.capacity;
  if (totals !== undefined && (collected.capacitySamples?.length ?? 0) > 0)
    result.capacity = {
      totals: {
        cores: totals.cores ?? 0,
        memory: totals.memory ?? 0,
        storage: totals.storage ?? 0,
      },
      samples: collected.capacitySamples ?? [],
    };
  return result;
}

/** Every selected requirement INCONCLUSIVE for one reason: the target could not be tested. */
export function untestable(
  selected: readonly RequirementInfo[],
  reason: string,
  exchangeIds: string[],
): Assembly['collected']['requirements'] {
  return selected.map((info) => ({
    ...info,
    verdict: 'INCONCLUSIVE' as const,
    cases: [
      {
        id: `${info.id}#1`,
        name: 'target not testable',
        verdict: 'INCONCLUSIVE' as const,
        evidence: [{ message: reason, exchangeIds }],
        durationMs: 0,
      },
    ],
    checkedBy: [],
  }));
}
