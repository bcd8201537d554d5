// Runs the selected conformance files against a settled target and folds what the workers
// recorded into the parts of a RunResult. The target is given (the CLI starts the built-in
// broker or takes a URL); nothing here starts a broker or writes a report.
//
// Files that need broker time to pass judge shared observations (harness/stateful/
// observations/), made here once: on a real clock while the other files run, so the wait is
// paid once and hidden behind the rest; on a control clock between the two phases, because
// moving a shared clock would expire other files' offers under them.

import { encodeContext, SETTINGS_VARIABLE, type TargetContext } from '../harness/context.ts';
import type { RequirementInfo } from '../harness/catalogue.ts';
import { observeAll } from '../harness/stateful/observations/index.ts';
import { collect, type Collected } from './collect.ts';
import { discoverTests } from './discover.ts';
import { NOT_TESTABLE } from './not-testable.ts';
import { ProgressReporter, type ProgressMode } from './progress.ts';
import { filesFor } from './selection.ts';
import { planPhases, runPhase, unrecordedTests } from './vitest-phases.ts';

export interface SuitePlan {
  /** The settled target, with the run directory the workers record into. */
  context: TargetContext & { runDir: string };
  selected: RequirementInfo[];
  progress: ProgressMode;
  /** Parallel vitest workers (default: cores - 1, at least 2 against a real clock). */
  workers?: number;
  /** Most exchanges the result keeps (default: collect's); those cited are always kept. */
  exchangeLimit?: number;
}

/** Beyond the longest wait a run may make, how long the rest of it may take. */
const RUN_SLACK_MS = 20 * 60_000;

function defaultWorkers(control: boolean, cores: number): number {
  // Against a real clock the workers mostly wait on the network, so two are worth it even on
  // a small machine; the built-in broker shares the machine's cores with them.
  return control ? Math.max(1, cores - 1) : Math.max(2, cores - 1);
}

async function withSettings<T>(context: TargetContext, work: () => Promise<T>): Promise<T> {
  const saved = process.env[SETTINGS_VARIABLE];
  process.env[SETTINGS_VARIABLE] = encodeContext(context);
  try {
    return await work();
  } finally {
    if (saved === undefined) delete process.env[SETTINGS_VARIABLE];
    else process.env[SETTINGS_VARIABLE] = saved;
  }
}

export async function runSuites(plan: SuitePlan, cores: number): Promise<Collected> {
  const tests = discoverTests();
  const files = filesFor(tests, plan.selected);
  const phases = planPhases(tests, files);
  const reporter = new ProgressReporter(plan.progress, process.stderr, files.length);
  const options = {
    reporter,
    workers: plan.workers ?? defaultWorkers(plan.context.control, cores),
    deadline: Date.now() + plan.context.maxWaitMs + RUN_SLACK_MS,
  };
  const tasks = await withSettings(plan.context, async () => {
    const observing = async (): Promise<void> => {
      if (phases.observations.length === 0) return;
      reporter.note(
        `observing ${phases.observations.length} time-dependent scenario${phases.observations.length === 1 ? '' : 's'}` +
          (plan.context.control ? ' on the control clock' : ' (offers expiring, sessions running)'),
      );
      await observeAll(phases.observations);
    };
    if (plan.context.control) {
      const first = await runPhase(phases.free, options);
      await observing();
      return [...first, ...(await runPhase(phases.judging, options))];
    }
    const [first] = await Promise.all([runPhase(phases.free, options), observing()]);
    return [...first, ...(await runPhase(phases.judging, options))];
  });
  reporter.summary();
  return collect({
    runDir: plan.context.runDir,
    selected: plan.selected,
    tests,
    notTestable: NOT_TESTABLE,
    unrecorded: unrecordedTests(tasks, tests),
    ...(plan.exchangeLimit === undefined ? {} : { exchangeLimit: plan.exchangeLimit }),
  });
}
