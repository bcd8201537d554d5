// The entry of cli/conform/: one conformance run, composed. `runConformance` takes run options
// as the option table types them (cli/options/table.ts) and returns the run's outcome; the
// commands, the fault table and the benches all run the suites through it.

import type { RunOptions } from '../options/table.ts';
import { conform, type Conformed } from './conform.ts';
import { planRun } from './plan.ts';
import type { ProgressMode } from '../../suites/runner/progress.ts';

export { conform, type Conformed } from './conform.ts';
export { planRun, UsageError, type RunPlan } from './plan.ts';

export async function runConformance(
  options: RunOptions,
  progress: ProgressMode = 'none',
): Promise<Conformed> {
  return conform(planRun({ options }), { progress });
}
