// The runner: the one entry the CLI uses. It settles the target (starting the built-in broker
// when none is given), runs the selected conformance files through vitest's Node API with the
// environment the harness reads, folds the evidence into a RunResult, applies expectations and
// writes the report directory. It never hangs and never throws for anything the target does:
// an unreachable target gives a report with exit code 3.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec } from '../../spec/index.ts';
import {
  applyExpectations,
  defaultReportDir,
  loadExpectations,
  writeReports,
  type Expectations,
} from '../../reports/index.ts';
import { startBuiltIn, type BuiltInBroker } from './built-in.ts';
import { catalogue, type RequirementInfo } from './catalogue.ts';
import { collect, type UnrecordedTest } from './collect.ts';
import { DEFAULTS, type Declaration, type ProfileName } from './context.ts';
import { loadDeclaration } from './declaration.ts';
import { discoverTests, PROJECT_ROOT, type TestFile } from './discover.ts';
import { NOT_TESTABLE } from './not-testable.ts';
import { defaultProgressMode, ProgressReporter, type ProgressMode } from './progress.ts';
import { gateOutcome } from '../../contract/index.ts';
import { REPORT_VERSION, type RunResult, type Verdict } from '../../contract/result.ts';

export interface RunOptions {
  target?: string;
  profile?: 'v1.0.7' | 'v1.0.5' | 'auto';
  spec?: string;
  classes?: string[];
  requirements?: string[];
  seed?: number;
  runs?: number;
  maxWaitMs?: number;
  declare?: string;
  headers?: Record<string, string>;
  /** Basic credentials `NAME:PASSWORD` for writes, and a second identity for ownership checks. */
  user?: string;
  secondUser?: string;
  requestTimeoutMs?: number;
  reportDir?: string;
  failOn?: 'must' | 'should';
  expect?: string;
  /** Built-in broker only. */
  faults?: string[];
  progress?: ProgressMode;
  /** Parallel vitest workers for the files that leave the clock alone (default: cores - 1). */
  workers?: number;
}

/** A problem with the options themselves (exit code 2): nothing was run. */
export class RunUsageError extends Error {
  override name = 'RunUsageError';
}

export interface RunOutcome {
  result: RunResult;
  /** Where the report was written, and the files in it. */
  reportDir: string;
  written: string[];
  /** Generated cases run (property runs), for the speed bench. */
  generated: number;
}

/** Longest a whole vitest run may take before it is cancelled, so a run always ends. */
const RUN_WATCHDOG_MS = 20 * 60_000;

function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function selectRequirements(options: RunOptions): RequirementInfo[] {
  const all = catalogue();
  const classes = options.classes ?? [];
  const known = new Set(all.map((r) => r.class));
  const unknown = classes.filter((c) => !known.has(c));
  if (unknown.length > 0)
    throw new RunUsageError(
      `unknown class${unknown.length > 1 ? 'es' : ''} ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
    );
  const ids = options.requirements ?? [];
  const missing = ids.filter(
    (id) => !all.some((r) => r.id === id || r.id.startsWith(id.endsWith('/') ? id : `${id}/`)),
  );
  if (missing.length > 0) throw new RunUsageError(`unknown requirement ${missing.join(', ')}`);
  return all.filter(
    (r) =>
      (classes.length === 0 || classes.includes(r.class)) &&
      (ids.length === 0 ||
        ids.some((id) => r.id === id || r.id.startsWith(id.endsWith('/') ? id : `${id}/`))),
  );
}

async function probe(
  url: string,
  timeoutMs: number,
  headers: Record<string, string>,
): Promise<number | string> {
  try {
    const response = await fetch(url, {
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.status;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as Error).message;
  }
}

/** v1.0.7 creates at /requests, v1.0.5 at /offersets: whichever path the target knows. */
async function detectProfile(
  target: string,
  timeoutMs: number,
  headers: Record<string, string>,
): Promise<ProfileName> {
  const requests = await probe(`${target}/requests`, timeoutMs, headers);
  if (requests !== 404) return 'v1.0.7';
  const offersets = await probe(`${target}/offersets`, timeoutMs, headers);
  return offersets === 404 ? 'v1.0.7' : 'v1.0.5';
}

function commandLine(options: RunOptions, seed: number, runs: number, profile: string): string {
  const words = ['eb-conform', 'run'];
  if (options.target !== undefined) words.push('--target', options.target);
  words.push('--profile', profile, '--seed', String(seed), '--runs', String(runs));
  if (options.classes?.length) words.push('--classes', options.classes.join(','));
  if (options.requirements?.length)
    for (const id of options.requirements) words.push('--requirement', id);
  if (options.spec !== undefined) words.push('--spec', options.spec);
  if (options.declare !== undefined) words.push('--declare', options.declare);
  if (options.maxWaitMs !== undefined) words.push('--max-wait', `${options.maxWaitMs}ms`);
  if (options.requestTimeoutMs !== undefined)
    words.push('--request-timeout', String(options.requestTimeoutMs));
  if (options.failOn === 'should') words.push('--fail-on', 'should');
  for (const fault of options.faults ?? []) words.push('--fault', fault);
  for (const name of Object.keys(options.headers ?? {})) words.push('-H', `"${name}: ..."`);
  if (options.user !== undefined) words.push('--user', `${options.user.split(':')[0]}:...`);
  if (options.secondUser !== undefined)
    words.push('--second-user', `${options.secondUser.split(':')[0]}:...`);
  return words.join(' ');
}

interface VitestTask {
  type: string;
  name: string;
  mode?: string;
  file?: { filepath: string };
  filepath?: string;
  meta: { ebVerdict?: Verdict };
  result?: { state?: string; errors?: { message?: string; name?: string }[] };
  tasks?: VitestTask[];
}

function unrecordedTests(files: VitestTask[], tests: TestFile[]): UnrecordedTest[] {
  const found: UnrecordedTest[] = [];
  for (const file of files) {
    const path = (file.filepath ?? '').replace(`${PROJECT_ROOT}`, '');
    const declared = tests.find((t) => path.endsWith(t.file))?.requirements ?? [];
    const fileErrors = file.result?.errors ?? [];
    if (fileErrors.length > 0) {
      found.push({
        file: path,
        name: 'loading the test file',
        requirements: declared,
        state: 'failed',
        message: `the test file failed: ${fileErrors.map((e) => `${e.name ?? 'Error'}: ${e.message ?? ''}`).join('; ')}`,
      });
    }
    const walk = (task: VitestTask): void => {
      if (task.tasks !== undefined) task.tasks.forEach(walk);
      else if (
        task.type === 'test' &&
        task.meta.ebVerdict === undefined &&
        task.result?.state === 'fail'
      ) {
        const error = task.result.errors?.[0];
        found.push({
          file: path,
          name: task.name,
          requirements: declared,
          state: 'failed',
          message: `${error?.name ?? 'Error'}: ${error?.message ?? 'failed outside the harness'}`,
        });
      }
    };
    (file.tasks ?? []).forEach(walk);
  }
  return found;
}

/** A batch of test files run by one vitest instance; `sequential` runs them one at a time. */
export interface Phase {
  files: string[];
  sequential: boolean;
}

/**
 * On a control clock every file shares one broker clock, and a file that lets it run (expiry,
 * progress, model runs) would expire the offers of files running beside it. Those files get a
 * phase of their own, one file at a time, after the others; on a real clock time passes for
 * everybody anyway, so one parallel phase is right.
 */
export function phasesFor(
  tests: readonly TestFile[],
  files: readonly string[],
  controlClock: boolean,
): Phase[] {
  if (!controlClock) return [{ files: [...files], sequential: false }];
  const moving = new Set(tests.filter((t) => t.movesClock).map((t) => t.file));
  return [
    { files: files.filter((f) => !moving.has(f)), sequential: false },
    { files: files.filter((f) => moving.has(f)), sequential: true },
  ].filter((phase) => phase.files.length > 0);
}

async function runVitest(
  phases: Phase[],
  progress: ProgressMode,
  workers: number | undefined,
): Promise<{ unrecordedFrom: (tests: TestFile[]) => UnrecordedTest[] }> {
  const { createVitest } = await import('vitest/node');
  const reporter = new ProgressReporter(
    progress,
    process.stderr,
    phases.reduce((n, phase) => n + phase.files.length, 0),
  );
  const exitCode = process.exitCode;
  const tasks: VitestTask[] = [];
  const deadline = Date.now() + RUN_WATCHDOG_MS;
  for (const phase of phases) {
    reporter.phaseNote = phase.sequential ? ', one at a time (they move the broker clock)' : '';
    const vitest = await createVitest('test', {
      watch: false,
      config: join(PROJECT_ROOT, 'vitest.config.ts'),
      root: PROJECT_ROOT,
      project: 'conformance',
      reporters: [reporter],
      passWithNoTests: true,
      // The suites keep no state between files (each test makes its own client), so one module
      // graph per worker is safe, and it saves compiling the schema validators once per file.
      isolate: false,
      ...(phase.sequential
        ? { fileParallelism: false, maxWorkers: 1 }
        : workers === undefined
          ? {}
          : { maxWorkers: workers }),
    });
    const watchdog = setTimeout(
      () => void vitest.cancelCurrentRun('keyboard-input'),
      Math.max(1, deadline - Date.now()),
    );
    watchdog.unref();
    try {
      await vitest.start(phase.files);
    } finally {
      clearTimeout(watchdog);
    }
    tasks.push(...(vitest.state.getFiles() as unknown as VitestTask[]));
    await vitest.close();
  }
  reporter.summary();
  // startVitest sets process.exitCode on failures; the runner decides the exit code itself.
  process.exitCode = exitCode;
  return { unrecordedFrom: (tests) => unrecordedTests(tasks, tests) };
}

const ENV_KEYS = [
  'EB_TARGET',
  'EB_PROFILE',
  'EB_DECLARE',
  'EB_SEED',
  'EB_RUNS',
  'EB_MAX_WAIT_MS',
  'EB_HEADERS',
  'EB_REQUEST_TIMEOUT_MS',
  'EB_RUN_DIR',
  'EB_CONTROL',
  'EB_BUILT_IN',
  'EB_SPEC',
  'EB_USER',
  'EB_SECOND_USER',
] as const;

function setEnvironment(values: Partial<Record<(typeof ENV_KEYS)[number], string>>): () => void {
  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  for (const key of ENV_KEYS) {
    const value = values[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const key of ENV_KEYS) {
      const value = saved[key];
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/**
 * Runs the conformance suites and writes the report. Throws RunUsageError for bad options
 * (exit 2); everything the target does ends up in the returned result.
 */
export async function runConformance(options: RunOptions = {}): Promise<RunResult> {
  return (await runConformanceDetailed(options)).result;
}

export async function runConformanceDetailed(options: RunOptions = {}): Promise<RunOutcome> {
  const startedAt = new Date();
  const failOn = options.failOn ?? 'must';
  if (failOn !== 'must' && failOn !== 'should')
    throw new RunUsageError(`--fail-on must be must or should, got ${String(failOn)}`);
  const profileOption = options.profile ?? (options.target === undefined ? 'v1.0.7' : 'auto');
  if (!['v1.0.7', 'v1.0.5', 'auto'].includes(profileOption))
    throw new RunUsageError(`unknown profile ${profileOption}: use v1.0.7, v1.0.5 or auto`);
  if (options.target !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.target);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new RunUsageError(`--target must be an http(s) URL, got "${options.target}"`);
    }
  }
  if (options.faults?.length && options.target !== undefined)
    throw new RunUsageError('--fault applies to the built-in broker only (drop --target)');
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const runs = options.runs ?? DEFAULTS.runs;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RunUsageError(`--seed must be a non-negative integer, got ${seed}`);
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new RunUsageError(`--runs must be a positive integer, got ${runs}`);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  const maxWaitMs = options.maxWaitMs ?? DEFAULTS.maxWaitMs;
  const headers = options.headers ?? {};
  const selected = selectRequirements(options);
  let declaration: Declaration = {};
  if (options.declare !== undefined) {
    try {
      declaration = loadDeclaration(options.declare);
    } catch (error) {
      throw new RunUsageError((error as Error).message);
    }
  }
  let expectations: Expectations | undefined;
  if (options.expect !== undefined) {
    try {
      expectations = loadExpectations(options.expect);
    } catch (error) {
      throw new RunUsageError((error as Error).message);
    }
  }
  let specHash: string;
  try {
    specHash = loadSpec(options.spec).specHash;
  } catch (error) {
    throw new RunUsageError(
      `cannot load spec ${options.spec ?? '(built-in)'}: ${(error as Error).message}`,
    );
  }
  const tests = discoverTests();
  const selectedIds = new Set(selected.map((r) => r.id));
  const files = tests
    .filter((t) => t.requirements.some((id) => selectedIds.has(id)))
    .map((t) => t.file);

  const runDir = mkdtempSync(join(tmpdir(), 'eb-conform-run-'));
  let broker: BuiltInBroker | undefined;
  let restore: (() => void) | undefined;
  try {
    let target: string;
    let profile: ProfileName;
    let declareFile = options.declare;
    let reachable = true;
    let unreachableReason = '';
    if (options.target === undefined) {
      profile = profileOption === 'v1.0.5' ? 'v1.0.5' : 'v1.0.7';
      try {
        broker = await startBuiltIn({ profile, faults: options.faults ?? [], dir: runDir });
      } catch (error) {
        throw new RunUsageError(`cannot start the built-in broker: ${(error as Error).message}`);
      }
      target = broker.url;
      declaration = { ...broker.declaration, ...declaration };
      declareFile ??= broker.declarationFile;
    } else {
      target = options.target.replace(/\/+$/, '');
      const answer = await probe(`${target}/`, Math.min(requestTimeoutMs, 10_000), headers);
      if (typeof answer === 'string') {
        reachable = false;
        unreachableReason = answer;
      }
      profile =
        profileOption === 'auto'
          ? reachable
            ? (declaration.profile ?? (await detectProfile(target, requestTimeoutMs, headers)))
            : (declaration.profile ?? 'v1.0.7')
          : profileOption;
    }

    let generated = 0;
    let collected;
    if (reachable) {
      // The built-in broker, when it authenticates, hands over its identities.
      const [user, secondUser] = [
        options.user ?? broker?.user,
        options.secondUser ?? broker?.secondUser,
      ];
      restore = setEnvironment({
        EB_TARGET: target,
        EB_PROFILE: profile,
        ...(declareFile === undefined ? {} : { EB_DECLARE: declareFile }),
        EB_SEED: String(seed),
        EB_RUNS: String(runs),
        EB_MAX_WAIT_MS: String(maxWaitMs),
        EB_HEADERS: JSON.stringify(headers),
        EB_REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
        EB_RUN_DIR: runDir,
        ...(broker !== undefined || declaration.controlClock === true ? { EB_CONTROL: '1' } : {}),
        ...(broker !== undefined ? { EB_BUILT_IN: '1' } : {}),
        ...(options.spec === undefined ? {} : { EB_SPEC: options.spec }),
        ...(user === undefined ? {} : { EB_USER: user }),
        ...(secondUser === undefined ? {} : { EB_SECOND_USER: secondUser }),
      });
      const { unrecordedFrom } =
        files.length > 0
          ? await runVitest(
              phasesFor(tests, files, broker !== undefined || declaration.controlClock === true),
              options.progress ?? defaultProgressMode(),
              options.workers,
            )
          : { unrecordedFrom: () => [] };
      collected = collect({
        runDir,
        selected,
        tests,
        notTestable: NOT_TESTABLE,
        unrecorded: unrecordedFrom(tests),
      });
      generated = collected.generated;
    } else {
      collected = collect({
        runDir,
        selected: [],
        tests,
        notTestable: NOT_TESTABLE,
        unrecorded: [],
      });
      collected.requirements = selected.map((info) => ({
        ...info,
        verdict: 'INCONCLUSIVE' as const,
        cases: [
          {
            id: `${info.id}#1`,
            name: 'target unreachable',
            verdict: 'INCONCLUSIVE' as const,
            evidence: [
              { message: `${target} did not answer: ${unreachableReason}`, exchangeIds: [] },
            ],
            durationMs: 0,
          },
        ],
        checkedBy: tests.filter((t) => t.requirements.includes(info.id)).map((t) => t.file),
      }));
    }

    const gate = gateOutcome({
      requirements: collected.requirements,
      failOn,
      ...(reachable ? {} : { outcome: 'unreachable' as const }),
    });
    let result: RunResult = {
      reportVersion: REPORT_VERSION,
      tool: { name: 'eb-conform', version: toolVersion() },
      target,
      builtIn: broker !== undefined,
      profile,
      specHash,
      seed,
      runs,
      startedAt: startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      failOn,
      ...gate,
      classes: collected.classes,
      requirements: collected.requirements,
      coverage: collected.coverage,
      exchanges: collected.exchanges,
      timeline: collected.timeline,
      command: commandLine(options, seed, runs, profile),
    };
    const totals = declaration.capacity;
    if (totals !== undefined && collected.capacitySamples.length > 0) {
      result.capacity = {
        totals: {
          cores: totals.cores ?? 0,
          memory: totals.memory ?? 0,
          storage: totals.storage ?? 0,
        },
        samples: collected.capacitySamples,
      };
    }
    if (expectations !== undefined) result = applyExpectations(result, expectations);
    const reportDir = options.reportDir ?? defaultReportDir(target, startedAt);
    restore?.();
    restore = undefined;
    const written = await writeReports(result, reportDir, {
      secretHeaders: Object.keys(headers),
      history: join(runDir, 'history'),
    });
    return { result, reportDir, written, generated };
  } finally {
    restore?.();
    await broker?.close().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  }
}
