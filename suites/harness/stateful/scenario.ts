// Small steps the stateful test files share: open a recorded broker, get offers or give up
// honestly, let broker time pass, poll with a deadline, and hand a history to the runner.
// Each step ends the test with the right verdict when the target cannot take part.

import { fail, inconclusive, notApplicable } from '../requirement.ts';
import { targetContext, type TargetContext } from '../context.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  capacityLoad,
  checkHistory,
  type Capacity,
  type CheckReport,
  type HistoryRule as Rule,
  type Violation,
} from '../../judge/history.ts';
import type { HistoryEvent, SessionFacts } from '../../history/events.ts';
import { instantMs, pick } from '../../history/time.ts';
import type { Created, Observed } from './port.ts';
import type { ModelRunOptions } from '../../model/run.ts';
import { executionRequest, type RequestShape } from './requests.ts';
import { StatefulBroker } from './stateful-broker.ts';

export interface Stage {
  context: TargetContext;
  broker: StatefulBroker;
  request(shape?: RequestShape): Record<string, unknown>;
}

/** A recorded broker for one test, its clock read when the target has a control clock. */
export async function openStage(): Promise<Stage> {
  const context = targetContext();
  const broker = new StatefulBroker();
  await broker.syncClock();
  return { context, broker, request: (shape) => executionRequest(context.profile, shape) };
}

/** Creates and insists on at least `count` offers; fewer ends the test INCONCLUSIVE. */
export async function offersFor(stage: Stage, count = 1, shape?: RequestShape): Promise<Created> {
  const created = await stage.broker.create('p1', stage.request(shape));
  if (created.offers.length < count) {
    inconclusive(
      created.offers.length === 0
        ? `the broker answered ${created.result ?? `status ${created.status}`} with no offers, so there is nothing to act on`
        : `the broker made ${created.offers.length} offer(s); this check needs ${count}`,
    );
  }
  return created;
}

export function phaseOf(observed: Observed): string | undefined {
  return observed.facts?.phase;
}

/**
 * Lets broker time run until `instant` (epoch ms of the broker clock) plus a margin: through
 * the control clock when there is one, else by waiting for real when that fits within
 * EB_MAX_WAIT_MS; otherwise ends the test NOT_APPLICABLE, saying how long it would take.
 */
export async function passUntil(stage: Stage, instant: number, marginMs = 5000): Promise<void> {
  const needed = instant + marginMs - stage.broker.brokerNow();
  if (needed <= 0) return;
  if (stage.context.control) {
    await stage.broker.pass(needed);
    return;
  }
  if (needed > stage.context.maxWaitMs) {
    notApplicable(
      `waiting ${Math.ceil(needed / 1000)} s for the broker's clock exceeds --max-wait ` +
        `(${Math.round(stage.context.maxWaitMs / 1000)} s) and the target has no control clock`,
    );
  }
  await new Promise((resolve) => setTimeout(resolve, needed));
}

/**
 * Reads a session until `done` says so or the deadline passes (in broker time on a control
 * clock, advanced step by step; in real time elsewhere, bounded by EB_MAX_WAIT_MS). Each
 * observation carries the broker time it was made at, as best known.
 */
export async function pollSession(
  stage: Stage,
  session: string,
  done: (facts: SessionFacts | undefined) => boolean,
  options: { brokerSpanMs?: number; stepMs?: number } = {},
): Promise<(Observed & { at: number })[]> {
  const seen: (Observed & { at: number })[] = [];
  const step = options.stepMs ?? (stage.context.control ? 30_000 : 250);
  const span = stage.context.control
    ? (options.brokerSpanMs ?? 3_600_000)
    : stage.context.maxWaitMs;
  for (let elapsed = 0; ; elapsed += step) {
    const observed = await stage.broker.read('p1', session);
    seen.push({ ...observed, at: stage.broker.brokerNow() });
    if (done(observed.facts) || observed.status !== 200 || elapsed >= span) return seen;
    if (stage.context.control) await stage.broker.pass(step);
    else await new Promise((resolve) => setTimeout(resolve, step));
  }
}

/** Latest `expires` among the offers, in broker epoch ms. */
export function latestExpiry(offers: readonly SessionFacts[]): number | undefined {
  const instants = offers.flatMap((offer) => instantMs(offer.expires) ?? []);
  return instants.length === 0 ? undefined : Math.max(...instants);
}

/**
 * The platform capacity: the operator's declaration, else what the built-in broker's control
 * endpoint reports; neither ends the test NOT_APPLICABLE.
 */
export async function declaredCapacity(stage: Stage): Promise<Capacity> {
  const declared = stage.context.declaration.capacity;
  if (declared !== undefined && Object.keys(declared).length > 0) return declared;
  if (stage.context.control) {
    const reply = await stage.broker.client.raw('GET', '/_control/platform', {
      headers: { accept: 'application/json' },
    });
    const totals = pick(reply.body, 'totals');
    const capacity: Capacity = {};
    for (const key of ['cores', 'memory', 'storage'] as const) {
      const value = pick(totals, key);
      if (typeof value === 'number' && Number.isFinite(value)) capacity[key] = value;
    }
    if (Object.keys(capacity).length > 0) return capacity;
  }
  return notApplicable('no capacity declared (declare capacity in the --declare file)');
}

/**
 * Writes the history where the runner collects it and checks it with the given rules, exactly
 * as `eb-conform check` would. The capacity, when known, is noted in the history itself.
 */
export async function checkRecorded(
  stage: Stage,
  name: string,
  rules: Rule[],
  capacity?: Capacity,
): Promise<CheckReport> {
  if (capacity !== undefined)
    stage.broker.recorder.events.unshift({
      process: 'harness',
      type: 'ok',
      op: 'declare',
      value: { capacity },
      time: stage.broker.recorder.events[0]?.time ?? Date.now(),
    });
  const runDir = stage.context.runDir;
  if (runDir !== undefined) {
    await stage.broker.recorder.write(runDir, name);
    if (rules.includes('capacity'))
      await writeCapacityLoad(runDir, name, stage.broker.recorder.events);
  }
  return checkHistory(stage.broker.recorder.events, {
    rules,
    updatePath: stage.context.declaration.updatePath ?? 'phase',
    ...(capacity === undefined ? {} : { capacity }),
  });
}

/** Capacity samples for the report's chart (EB_RUN_DIR/capacity/<name>.ndjson). */
async function writeCapacityLoad(
  runDir: string,
  name: string,
  events: HistoryEvent[],
): Promise<void> {
  const folder = join(runDir, 'capacity');
  await mkdir(folder, { recursive: true });
  const lines = capacityLoad(events).map((sample) => JSON.stringify(sample));
  await writeFile(join(folder, `${name}.ndjson`), lines.length > 0 ? `${lines.join('\n')}\n` : '');
}

/** A start interval far from other tests' requests, so capacity checks see only their own. */
export function farWindow(stage: Stage, daysAhead: number, widthMinutes = 1): string {
  const start =
    Math.ceil((stage.broker.brokerNow() + daysAhead * 86_400_000) / 3_600_000) * 3_600_000;
  return `${new Date(start).toISOString()}/${new Date(start + widthMinutes * 60_000).toISOString()}`;
}

/**
 * Whether the offer's expiry instant has passed on the broker clock (re-read when there is a
 * control clock). Another test may let a shared clock run on at any moment, so a check that
 * finds an offer gone asks this before calling it the broker's fault.
 */
export async function expiredMeanwhile(stage: Stage, offer: SessionFacts): Promise<boolean> {
  const expires = instantMs(offer.expires);
  if (expires === undefined) return false;
  await stage.broker.syncClock();
  return stage.broker.brokerNow() >= expires;
}

/** Options for a model-based run of one requirement, from the target context. */
export function modelOptions(
  stage: Stage,
  requirement: string,
  waits: number[] = [1, 30],
): ModelRunOptions {
  return {
    port: () => stage.broker.fork(),
    requirements: [requirement],
    request: () => stage.request(),
    seed: stage.context.seed,
    numRuns: stage.context.runs,
    maxCommands: 10,
    timeLimitMs: 30_000,
    updatePath: stage.context.declaration.updatePath ?? 'phase',
    // Without a control clock a wait is a real sleep of at most a second: keep it short.
    waits: stage.context.control ? waits : [1],
  };
}

/** The exchanges behind a violation's history events (recorded by StatefulBroker). */
export function exchangesOf(stage: Stage, violation: Violation): string[] {
  return violation.events.flatMap((index) => {
    const ids = pick(stage.broker.recorder.events[index]?.value, 'exchanges');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  });
}

/** Fails the test with the first violation of a checked history, citing its exchanges. */
export function failOnViolations(
  stage: Stage,
  report: CheckReport,
  prefix = '',
  pointer?: string,
): void {
  const [first] = report.violations;
  if (first === undefined) return;
  const more = report.violations.length > 1 ? ` (and ${report.violations.length - 1} more)` : '';
  fail(`${prefix}${first.message}${more}`, {
    exchanges: exchangesOf(stage, first),
    ...(pointer === undefined ? {} : { pointer }),
  });
}
