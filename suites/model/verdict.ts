// Turns the outcome of a model-based run into the test's verdict: a violation of the
// requirement under test fails with the shrunk command sequence, seed and path; anything else
// that broke the run is an ERROR with the same reproduction details.

import { fail, inconclusive, noteGenerated } from '../harness/requirement.ts';
import { HistoryRecorder } from '../history/recorder.ts';
import type { ModelRunOutcome } from './run.ts';
import type { Stage } from '../harness/stateful/scenario.ts';

export async function judgeModelRun(
  stage: Stage,
  name: string,
  outcome: ModelRunOutcome,
): Promise<void> {
  noteGenerated(outcome.runs);
  const { violation, error } = outcome;
  if (violation === undefined && error === undefined) {
    if (outcome.offersMade === 0)
      inconclusive(
        `the broker made no offers in any model run, so no lifecycle rule was exercised`,
      );
    return;
  }
  const replay = `seed ${outcome.seed}, path ${outcome.path ?? '?'}`;
  if (outcome.history !== undefined && stage.context.runDir !== undefined) {
    const recorder = new HistoryRecorder();
    recorder.events.push(...outcome.history);
    await recorder.write(stage.context.runDir, `model-${name}`);
  }
  const counterexample = { commands: outcome.commands, replayPath: outcome.replayPath };
  if (violation !== undefined) {
    fail(
      `${violation.message} (shortest failing sequence: ${outcome.commands ?? '?'}; ${replay})`,
      {
        counterexample,
        seed: outcome.seed,
        ...(outcome.path === undefined ? {} : { path: outcome.path }),
        ...(violation.exchangeIds.length > 0 ? { exchanges: violation.exchangeIds } : {}),
      },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  throw new Error(`model run broke: ${reason} (sequence: ${outcome.commands ?? '?'}; ${replay})`);
}
