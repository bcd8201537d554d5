// Small steps the stateful test files share: open a recorded broker, get offers or give up
// honestly, let broker time pass, poll with a deadline, and hand a history to the runner.
// Each step ends the test with the right verdict when the target cannot take part.

import { fail, inconclusive } from '../requirement.ts';
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
import { executionRequest, type RequestShape } from '../requests.ts';
import { noOffersReason } from './observations/common.ts';
import { StatefulBroker } from './stateful-broker.ts';
import { letTimePass } from './waiting.ts';

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
  const created = await stage.broker.create('client', stage.request(shape));
  if (created.offers.length < count) {
    inconclusive(
      created.offers.length === 0
        ? noOffersReason(created)
        : `the broker made ${created.offers.length} offer(s); this check needs ${count}`,
    );
  }
  return created;
}

export function phaseOf(observed: Observed): string | undefined {
  return observed.facts?.phase;
}

/**
 * Lets broker time run until `instant` (epoch ms of the broker clock) plus a margin, or ends
 * the test INCONCLUSIVE saying what --max-wait would allow it (see waiting.ts).
 */
export async function passUntil(
  stage: Stage,
  instant: number,
  what: string,
  marginMs = 5000,
): Promise<void> {
  const waited = await letTimePass(stage.broker, stage.context, instant, what, marginMs);
  if (!waited.reached) inconclusive(waited.reason);
}

/** Latest `expires` among the offers, in broker epoch ms. */
export function latestExpiry(offers: readonly SessionFacts[]): number | undefined {
  const instants = offers.flatMap((offer) => instantMs(offer.expires) ?? []);
  return instants.length === 0 ? undefined : Math.max(...instants);
}

/**
 * The platform capacity, as declared (for the built-in broker the CLI declares it from the
 * broker's own /_control/platform, the one place it is read); undefined when not declared.
 */
export async function capacityOf(stage: Stage): Promise<Capacity | undefined> {
  const declared = stage.context.declaration.capacity;
  return declared !== undefined && Object.keys(declared).length > 0 ? declared : undefined;
}

/** The platform capacity, or the test ends INCONCLUSIVE saying what to declare. */
export async function declaredCapacity(stage: Stage): Promise<Capacity> {
  return (
    (await capacityOf(stage)) ??
    inconclusive('declare capacity (cores, memory, storage) in --declare to check this')
  );
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
export function farWindow(
  stage: Stage,
  daysAhead: number,
  widthMinutes = 1,
  offsetMinutes = 0,
): string {
  const start =
    Math.ceil((stage.broker.brokerNow() + daysAhead * 86_400_000) / 3_600_000) * 3_600_000 +
    offsetMinutes * 60_000;
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
    // On a real clock there are no waits (see observations/models.ts).
    waits: stage.context.control ? waits : [],
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
  if (first === undefined) {
    // A history in which no rule found anything to judge proves nothing either way.
    const counts = Object.entries(report.observed);
    if (counts.length > 0 && counts.every(([, seen]) => seen === 0))
      inconclusive(
        `the recorded history held nothing for ${counts.map(([rule]) => rule).join(', ')} to judge`,
      );
    return;
  }
  const more = report.violations.length > 1 ? ` (and ${report.violations.length - 1} more)` : '';
  fail(`${prefix}${first.message}${more}`, {
    exchanges: exchangesOf(stage, first),
    ...(pointer === undefined ? {} : { pointer }),
  });
}
