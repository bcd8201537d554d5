// Turns the outcome of a model-based run into the test's verdict: a violation of the
// requirement under test fails with the shrunk command sequence, seed and path; anything else
// that broke the run is an ERROR with the same reproduction details; a run in which the broker
// made no offer at all checked nothing and is INCONCLUSIVE.

import { observed } from '../harness/stateful/judging.ts';
import type { ModelObservation } from '../harness/stateful/observations/index.ts';
import { fail, inconclusive, noteGenerated } from '../harness/requirement.ts';
import { targetContext } from '../harness/context.ts';
import { HistoryRecorder } from '../history/recorder.ts';

/** Judges the shared model run of `requirement` (see harness/stateful/observations/). */
export async function judgeModelRun(requirement: string, name: string): Promise<void> {
  await judgeModelOutcome(await observed('model', requirement), name);
}

export async function judgeModelOutcome(outcome: ModelObservation, name: string): Promise<void> {
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
  const runDir = targetContext().runDir;
  if (outcome.history !== undefined && runDir !== undefined) {
    const recorder = new HistoryRecorder();
    recorder.events.push(...outcome.history);
    await recorder.write(runDir, `model-${name}`);
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
  throw new Error(
    `model run broke: ${error ?? '?'} (sequence: ${outcome.commands ?? '?'}; ${replay})`,
  );
}
