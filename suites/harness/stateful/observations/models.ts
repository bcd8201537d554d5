// Model-based runs (fast-check command sequences) for one lifecycle requirement each. On a
// control clock their wait commands move the broker clock; on a real clock there are no wait
// commands (time passes anyway, and minutes of it cannot be bought), so a run ends as soon as
// its sequences are done and every session it made is back in a terminal phase.

import { runModel, type ModelRunOutcome } from '../../../model/run.ts';
import { durationMs } from '../../../history/time.ts';
import { modelOptions, type Stage } from '../scenario.ts';

/** A model run's outcome as plain data (it travels to the test files as JSON). */
export interface ModelObservation {
  requirement: string;
  runs: number;
  interrupted: boolean;
  seed: number;
  offersMade: number;
  violation?: { requirement: string; message: string; exchangeIds: string[] };
  error?: string;
  commands?: string;
  path?: string;
  replayPath?: string;
  history?: ModelRunOutcome['history'];
}

/** Broker seconds a wait may let pass: past the offer lifetime only for expiry's own model. */
function waitsFor(stage: Stage, requirement: string): number[] {
  if (!stage.context.control) return [];
  if (requirement !== '/req/expiry/expired-not-acceptable') return [1, 30];
  const lifetime = durationMs(stage.context.declaration.offerLifetime) ?? 300_000;
  return [1, Math.ceil(lifetime / 1000) + 30];
}

export async function observeModel(stage: Stage, requirement: string): Promise<ModelObservation> {
  const outcome = await runModel(modelOptions(stage, requirement, waitsFor(stage, requirement)));
  const observation: ModelObservation = {
    requirement,
    runs: outcome.runs,
    interrupted: outcome.interrupted,
    seed: outcome.seed,
    offersMade: outcome.offersMade,
  };
  if (outcome.violation !== undefined)
    observation.violation = {
      requirement: outcome.violation.requirement,
      message: outcome.violation.message,
      exchangeIds: outcome.violation.exchangeIds,
    };
  if (outcome.error !== undefined)
    observation.error =
      outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  if (outcome.commands !== undefined) observation.commands = outcome.commands;
  if (outcome.path !== undefined) observation.path = outcome.path;
  if (outcome.replayPath !== undefined) observation.replayPath = outcome.replayPath;
  if (outcome.history !== undefined) observation.history = outcome.history;
  return observation;
}
