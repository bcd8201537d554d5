// One model-based run: fast-check generates command sequences, runs each against the broker
// with a fresh model and history, and shrinks a failing sequence to the shortest one that
// still fails. Bounded on every side: numRuns, maxCommands and a time limit.

import fc from 'fast-check';
import type { Capacity } from '../history/trace.ts';
import type { HistoryEvent } from '../history/events.ts';
import {
  commandArbitraries,
  ModelViolation,
  releaseAll,
  type Model,
  type Real,
} from './commands.ts';
import type { StatefulPort } from '../harness/stateful/port.ts';

export interface ModelRunOptions {
  /** A fresh port (with its own history recorder) for each generated run. */
  port: () => StatefulPort;
  /** Requirement ids whose violations count. */
  requirements: string[];
  request: () => unknown;
  seed: number;
  numRuns: number;
  maxCommands?: number;
  /** Stops generating new runs after this long (shrinking included). */
  timeLimitMs: number;
  capacity?: Capacity;
  updatePath?: string;
  skewMs?: number;
  /** Broker seconds a wait command may let pass. */
  waits?: number[];
}

export interface ModelRunOutcome {
  /** Generated runs actually executed (shrinking excluded). */
  runs: number;
  interrupted: boolean;
  seed: number;
  /** Offers the broker made over all runs: none means nothing was checked. */
  offersMade: number;
  violation?: ModelViolation;
  /** Any other error that failed a run (a transport failure, a broken answer). */
  error?: unknown;
  /** The shrunk command sequence, e.g. "create, accept(0), read(1)". */
  commands?: string;
  /** fast-check path that replays the failing run with the same seed. */
  path?: string;
  /** fast-check's replayPath for the command sequence (see fc.commands). */
  replayPath?: string;
  /** History of the shrunk failing run. */
  history?: HistoryEvent[];
}

/** Runs that asked for offers before giving up on a broker that makes none at all. */
const RUNS_WITHOUT_OFFERS = 3;

/** Lets the shrunk run's history travel with its error to the report. */
const histories = new WeakMap<object, HistoryEvent[]>();

export async function runModel(options: ModelRunOptions): Promise<ModelRunOutcome> {
  const checked = new Set(options.requirements);
  let offersMade = 0;
  let runsThatCreated = 0;
  const property = fc.asyncProperty(
    fc.commands(commandArbitraries({ waits: options.waits ?? [1, 60] }), {
      maxCommands: options.maxCommands ?? 12,
    }),
    async (commands) => {
      // A broker that makes no offers gives the model nothing to act on; spending the time
      // limit on more such runs would only slow the run down (see offersMade).
      if (runsThatCreated >= RUNS_WITHOUT_OFFERS && offersMade === 0) return;
      const port = options.port();
      const model: Model = { offers: [] };
      const real: Real = {
        port,
        checked,
        updatePath: options.updatePath ?? 'phase',
        skewMs: options.skewMs ?? 1000,
        request: options.request,
        ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
      };
      try {
        await fc.asyncModelRun(() => ({ model, real }), commands);
      } catch (error) {
        if (typeof error === 'object' && error !== null)
          histories.set(error, [...port.recorder.events]);
        throw error;
      } finally {
        offersMade += model.offers.length;
        // A generated sequence may hold no create at all; only one that asked counts.
        if (port.recorder.events.some((e) => e.type === 'invoke' && e.op === 'create'))
          runsThatCreated += 1;
        await releaseAll(model, port);
      }
    },
  );
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.numRuns,
    interruptAfterTimeLimit: options.timeLimitMs,
    markInterruptAsFailure: false,
    endOnFailure: false,
  });
  const outcome: ModelRunOutcome = {
    runs: details.numRuns,
    interrupted: details.interrupted,
    seed: details.seed,
    offersMade,
  };
  if (!details.failed) return outcome;
  const error = details.errorInstance;
  if (error instanceof ModelViolation) outcome.violation = error;
  else outcome.error = error;
  const [commands] = details.counterexample ?? [];
  if (commands !== undefined) {
    // fast-check prints "a,b /*replayPath=...*/"; keep the sequence readable, the path apart.
    const [sequence = '', replay] = String(commands).split(' /*replayPath=');
    outcome.commands = sequence.split(',').join(', ');
    if (replay !== undefined)
      outcome.replayPath = JSON.parse(replay.replace(/\*\/$/, '')) as string;
  }
  if (details.counterexamplePath !== null) outcome.path = details.counterexamplePath;
  const history = typeof error === 'object' && error !== null ? histories.get(error) : undefined;
  if (history !== undefined) outcome.history = history;
  return outcome;
}
