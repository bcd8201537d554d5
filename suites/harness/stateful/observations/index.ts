// The shared observations: everything that needs broker time to pass (offers expiring, capacity
// coming back, a session running its course, model-based runs) is started together, once, and
// the conformance files that judge it read what was seen. Waits overlap instead of adding up, so
// a real-clock run costs about one offer lifetime.
//
// `eb-conform run` computes them in its own process (concurrently with the other test files on
// a real clock; between the two vitest phases on a control clock) and leaves them as JSON in the
// run directory. Under plain vitest a file that finds no such file computes its observation
// itself, once per worker.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEvent } from '../../../history/events.ts';
import { HistoryRecorder } from '../../../history/recorder.ts';
import { installAmbientChecks } from '../../checks.ts';
import { targetContext } from '../../context.ts';
import { openStage } from '../scenario.ts';
import type { ObservationKind } from './kinds.ts';
import { observeConnectors, type ConnectorsObservation } from './connectors.ts';
import { observeExpiry, type ExpiryObservation } from './expiry.ts';
import { observeModel, type ModelObservation } from './models.ts';
import { observeProgress, type ProgressObservation } from './progress.ts';
import { observeRelease, type ReleaseObservation } from './release.ts';

export type { ConnectorSighting, ConnectorsObservation, LocationRead } from './connectors.ts';
export type { ExpiryObservation, ExpiryPart } from './expiry.ts';
export type { ModelObservation } from './models.ts';
export type { ProgressObservation } from './progress.ts';
export type { ReleaseObservation } from './release.ts';
export type { Seen } from './common.ts';

export { OBSERVATION_KINDS, type ObservationKind } from './kinds.ts';

/** One observation: a kind, and for model runs the requirement the run is for. */
export interface ObservationKey {
  kind: ObservationKind;
  requirement?: string;
}

/** What each kind of observation holds. */
export interface ObservationOf {
  expiry: ExpiryObservation;
  release: ReleaseObservation;
  progress: ProgressObservation;
  connectors: ConnectorsObservation;
  model: ModelObservation;
}

/** What a file receives: the observation, or why it could not be made at all. */
export type Outcome<K extends ObservationKind> = { value: ObservationOf[K] } | { error: string };

function keyText(key: ObservationKey): string {
  return key.requirement === undefined ? key.kind : `${key.kind}:${key.requirement}`;
}

function fileOf(runDir: string, key: ObservationKey): string {
  return join(runDir, 'observations', `${encodeURIComponent(keyText(key))}.json`);
}

async function make(key: ObservationKey): Promise<unknown> {
  const stage = await openStage();
  switch (key.kind) {
    case 'expiry':
      return observeExpiry(stage);
    case 'release':
      return observeRelease(stage);
    case 'progress':
      return observeProgress(stage);
    case 'connectors':
      return observeConnectors(stage);
    case 'model':
      return observeModel(stage, key.requirement ?? '');
  }
}

async function attempt(key: ObservationKey): Promise<Outcome<ObservationKind>> {
  try {
    return { value: (await make(key)) as ObservationOf[ObservationKind] };
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/**
 * Makes the observations and leaves them in the run directory. On a control clock they run
 * one after another (each moves the shared clock); on a real clock all at once.
 */
export async function observeAll(keys: readonly ObservationKey[]): Promise<void> {
  const context = targetContext();
  const runDir = context.runDir;
  if (runDir === undefined) throw new Error('observeAll needs a run directory');
  installAmbientChecks();
  await mkdir(join(runDir, 'observations'), { recursive: true });
  const one = async (key: ObservationKey): Promise<void> => {
    const outcome = await attempt(key);
    await writeFile(fileOf(runDir, key), JSON.stringify(outcome));
    // The observation's history joins the run's history.ndjson, so `eb-conform check` on a
    // run's report judges what the run judged.
    // (A model run's history is written by its verdict, and only when it failed: suites/model.)
    const history =
      'value' in outcome && key.kind !== 'model'
        ? (outcome.value as { history?: unknown }).history
        : undefined;
    if (Array.isArray(history) && history.length > 0) {
      const recorder = new HistoryRecorder();
      recorder.events.push(...(history as HistoryEvent[]));
      await recorder.write(runDir, `observation-${keyText(key)}`);
    }
  };
  if (context.control) for (const key of keys) await one(key);
  else await Promise.all(keys.map(one));
}

const made = new Map<string, Promise<Outcome<ObservationKind>>>();

/** The observation a test file judges: the runner's, else made here (plain vitest). */
export async function observation<K extends ObservationKind>(
  kind: K,
  requirement?: string,
): Promise<Outcome<K>> {
  const key: ObservationKey = requirement === undefined ? { kind } : { kind, requirement };
  const runDir = targetContext().runDir;
  if (runDir !== undefined) {
    try {
      return JSON.parse(await readFile(fileOf(runDir, key), 'utf8')) as Outcome<K>;
    } catch {
      // Not made by the runner (a file run on its own): make it here.
    }
  }
  const text = keyText(key);
  let pending = made.get(text);
  if (pending === undefined) {
    pending = attempt(key);
    made.set(text, pending);
  }
  return (await pending) as Outcome<K>;
}
