// From resolved options to a run plan: every file the run needs is read and checked here,
// before any broker is started, so a typo costs a second and exit 2, not a half-run.

import { cpus } from 'node:os';
import { loadExpectations, type Expectations } from '../../reports/index.ts';
import { loadSpec } from '../../spec/index.ts';
import type { RequirementInfo } from '../../suites/harness/catalogue.ts';
import { DEFAULTS, parseCredentials, type Credentials } from '../../suites/harness/context.ts';
import { loadDeclaration, type Declaration } from '../../suites/harness/declaration.ts';
import { selectRequirements } from '../../suites/runner/selection.ts';
import type { ResolvedRun } from '../options/resolve.ts';
import type { RunOptions } from '../options/table.ts';

/** A problem with the options or the files they name: nothing was run (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface RunPlan {
  /** The options as resolved (flags > environment > config), for the reproduction command. */
  options: RunOptions;
  /** The config target's name, when the run comes from eb-conform.yaml. */
  name?: string;
  selected: RequirementInfo[];
  declaration: Declaration;
  expectations?: Expectations;
  specHash: string;
  seed: number;
  runs: number;
  maxWaitMs: number;
  requestTimeoutMs: number;
  failOn: 'must' | 'should';
  headers: Record<string, string>;
  credentials?: Credentials;
  secondCredentials?: Credentials;
  faults: string[];
  cores: number;
}

function attempt<T>(what: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new UsageError(`${what}: ${(error as Error).message}`);
  }
}

export function planRun(run: ResolvedRun): RunPlan {
  const options = run.options;
  if ((options.fault?.length ?? 0) > 0 && options.target !== undefined)
    throw new UsageError('--fault applies to the built-in broker only (drop --target)');
  const selected = attempt('selection', () =>
    selectRequirements(options.classes ?? [], options.requirement ?? []),
  );
  const fromFile =
    options.declare === undefined
      ? {}
      : attempt('declaration', () => loadDeclaration(options.declare as string));
  const declaration: Declaration = { ...(run.declaration ?? {}), ...fromFile };
  const plan: RunPlan = {
    options,
    selected,
    declaration,
    specHash: attempt(
      `cannot load spec ${options.spec ?? '(built-in)'}`,
      () => loadSpec(options.spec).specHash,
    ),
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    runs: options.runs ?? DEFAULTS.runs,
    maxWaitMs: options.maxWait ?? DEFAULTS.maxWaitMs,
    requestTimeoutMs: options.requestTimeout ?? DEFAULTS.requestTimeoutMs,
    failOn: options.failOn ?? 'must',
    headers: options.header ?? {},
    faults: options.fault ?? [],
    cores: cpus().length,
  };
  if (run.name !== undefined) plan.name = run.name;
  if (options.expect !== undefined)
    plan.expectations = attempt('expectations', () => loadExpectations(options.expect as string));
  if (options.user !== undefined) plan.credentials = parseCredentials(options.user);
  if (options.secondUser !== undefined)
    plan.secondCredentials = parseCredentials(options.secondUser, '--second-user');
  return plan;
}
