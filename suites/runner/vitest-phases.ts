// Running conformance files through vitest's Node API, and reading back what vitest saw of the
// tests the harness did not record (a file that did not load, a hook that threw).

import { join } from 'node:path';
import { createVitest } from 'vitest/node';
import type { Verdict } from '../../contract/result.ts';
import type { UnrecordedTest } from './collect.ts';
import { PROJECT_ROOT, type TestFile } from './discover.ts';
import type { ObservationKey } from '../harness/stateful/observations/index.ts';
import type { ProgressReporter } from './progress.ts';

/** The files of a run, split by whether they judge shared observations. */
export interface PhasePlan {
  /** Files that need no observation: run first, in parallel. */
  free: string[];
  /** Files that judge observations: run once those exist. */
  judging: string[];
  /** The observations the judging files need. */
  observations: ObservationKey[];
}

export function planPhases(tests: readonly TestFile[], files: readonly string[]): PhasePlan {
  const byFile = new Map(tests.map((test) => [test.file, test]));
  const plan: PhasePlan = { free: [], judging: [], observations: [] };
  const keys = new Map<string, ObservationKey>();
  for (const file of files) {
    const test = byFile.get(file);
    if (test === undefined || test.observes.length === 0) {
      plan.free.push(file);
      continue;
    }
    plan.judging.push(file);
    for (const kind of test.observes) {
      if (kind !== 'model') keys.set(kind, { kind });
      else for (const id of test.requirements) keys.set(`model:${id}`, { kind, requirement: id });
    }
  }
  plan.observations = [...keys.values()];
  return plan;
}

interface VitestTask {
  type: string;
  name: string;
  filepath?: string;
  meta: { ebVerdict?: Verdict };
  result?: { state?: string; errors?: { message?: string; name?: string }[] };
  tasks?: VitestTask[];
}

export function unrecordedTests(files: readonly VitestTask[], tests: TestFile[]): UnrecordedTest[] {
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

export interface PhaseOptions {
  reporter: ProgressReporter;
  workers?: number;
  /** Epoch ms after which the run is cancelled, so a run always ends. */
  deadline: number;
}

/** Runs one batch of conformance files in one vitest instance; returns vitest's view of them. */
export async function runPhase(files: string[], options: PhaseOptions): Promise<VitestTask[]> {
  if (files.length === 0) return [];
  const exitCode = process.exitCode;
  const vitest = await createVitest('test', {
    watch: false,
    config: join(PROJECT_ROOT, 'vitest.config.ts'),
    root: PROJECT_ROOT,
    project: 'conformance',
    reporters: [options.reporter],
    passWithNoTests: true,
    // The suites keep no state between files (each test makes its own client), so one module
    // graph per worker is safe, and it saves compiling the schema validators once per file.
    isolate: false,
    ...(options.workers === undefined ? {} : { maxWorkers: options.workers }),
  });
  const watchdog = setTimeout(
    () => void vitest.cancelCurrentRun('keyboard-input'),
    Math.max(1, options.deadline - Date.now()),
  );
  watchdog.unref();
  try {
    await vitest.start(files);
  } finally {
    clearTimeout(watchdog);
  }
  const tasks = vitest.state.getFiles() as unknown as VitestTask[];
  await vitest.close();
  // startVitest sets process.exitCode on failures; the CLI decides the exit code itself.
  process.exitCode = exitCode;
  return tasks;
}
