// Property runs with fast-check: the seed and run count come from the target context, a
// failure is shrunk by fast-check to the smallest failing input, and the ConformanceFailure
// that reaches the report carries that input with the seed and path that reproduce it.

import fc from 'fast-check';
import { targetContext } from './context.ts';
import { ConformanceFailure, noteGenerated } from './requirement.ts';

export interface PropertyOptions {
  /** Runs for this property (default: EB_RUNS). */
  runs?: number;
  seed?: number;
  /**
   * Budget for the whole property, shrinking included, so a slow target cannot stall the run;
   * when it runs out the smallest counterexample found so far is reported.
   */
  timeLimitMs?: number;
}

/**
 * Checks an async property over generated inputs. The predicate throws (fail/expectCheck) to
 * signal a violation; returning normally means the input passed.
 */
export async function checkProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  options: PropertyOptions = {},
): Promise<void> {
  const context = targetContext();
  const seed = options.seed ?? context.seed;
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      await predicate(value);
    }),
    {
      numRuns: options.runs ?? context.runs,
      seed,
      interruptAfterTimeLimit: options.timeLimitMs ?? 60_000,
      markInterruptAsFailure: false,
    },
  );
  noteGenerated(details.numRuns);
  if (!details.failed || details.counterexample === null) return;
  const [counterexample] = details.counterexample;
  const cause = details.errorInstance;
  // notApplicable()/inconclusive() inside the predicate end the whole test, not one case.
  if ((cause as { code?: unknown } | null)?.code === 'VITEST_PENDING') throw cause;
  const path = details.counterexamplePath ?? undefined;
  if (cause instanceof ConformanceFailure) {
    const evidence = { ...cause.evidence, counterexample, seed: details.seed };
    throw new ConformanceFailure(path === undefined ? evidence : { ...evidence, path });
  }
  const reason = cause instanceof Error ? cause.message : String(cause);
  const error = new Error(
    `property errored on ${JSON.stringify(counterexample)} (seed ${details.seed}, path ${path ?? '-'}): ${reason}`,
  );
  if (cause instanceof Error && cause.stack !== undefined)
    error.stack = `${error.message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
  throw error;
}
