// How a conformance test file declares what it checks and how a check ends.
//
//   requirement('/req/matching/cores-min', () => {
//     it('every offer has at least the requested cores', async () => { ... fail(...) ... });
//   });
//
// A failed check throws ConformanceFailure; the requirement's level (spec/requirements.yaml)
// turns it into FAIL (MUST) or WARN (SHOULD, MAY, CONVENTION). notApplicable() and
// inconclusive() end a test with that verdict; anything else thrown is an ERROR of the test.
// The verdict and its evidence are written for the runner when each test ends.

import { relative } from 'node:path';
import { afterEach, beforeEach, describe, type TestContext } from 'vitest';
import { levelOf, requirementInfo } from './catalogue.ts';
import { installAmbientChecks } from './checks.ts';
import { onAnswer, type AnswerNote } from './client.ts';
import { record, type CaseRecord } from './recorder.ts';
import { failureVerdict } from '../../contract/index.ts';
import type { Evidence, Exchange, Verdict } from '../../contract/result.ts';

export interface FailureDetails {
  pointer?: string;
  /** The exchanges (or their ids) that show the problem; default: the last one of the test. */
  exchanges?: readonly (Exchange | string)[];
  counterexample?: unknown;
  seed?: number;
  path?: string;
}

/** A check of the standard that did not hold. Carries its evidence to the report. */
export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
  readonly evidence: Evidence;

  constructor(evidence: Evidence) {
    super(evidence.message);
    this.evidence = evidence;
    if (current !== undefined) current.failure = this;
  }
}

/** Thrown (through vitest's skip) by notApplicable() and inconclusive(). */
type Ending = { verdict: 'NOT_APPLICABLE' | 'INCONCLUSIVE'; reason: string };

interface CurrentCase {
  requirement: string;
  name: string;
  file: string;
  startedAt: number;
  context: TestContext;
  exchangeIds: string[];
  /** Status of each answer to a request sent as the run's identity (0: no answer). */
  ownStatuses: number[];
  generated: number;
  failure?: ConformanceFailure;
  ending?: Ending;
  refused?: string;
  /** Set when the target answered 401 to a request sent as the run's identity. */
  unauthorized?: string;
}

declare module '@vitest/runner' {
  interface TaskMeta {
    ebVerdict?: Verdict;
    ebRequirement?: string;
    ebGenerated?: number;
  }
}

let current: CurrentCase | undefined;
let listening = false;

/**
 * Notes every exchange of the running test, so a failure can cite the last one by default.
 * A refused connection, or a request the client held back because the target stopped
 * answering, marks a target that went away mid-test.
 */
function noteAnswer(note: AnswerNote): void {
  if (current === undefined) return;
  current.exchangeIds.push(note.reply.exchange.id);
  const error = note.reply.error;
  if (error !== undefined && (!note.sent || /ECONNREFUSED/.test(error))) current.refused ??= error;
  if (note.as !== 'primary') return;
  current.ownStatuses.push(note.reply.status);
  if (note.reply.status === 401) {
    const request = note.reply.exchange.request;
    const sent = Object.keys(request.headers).some(
      (name) => name.toLowerCase() === 'authorization',
    );
    unauthorized(`${request.method} ${new URL(request.url).pathname}`, sent);
  }
}

/**
 * Why a test that passed saw nothing to judge: every request it sent as the run's identity was
 * forbidden, or went unanswered. Such a pass would be a lie. (A 401 is noted on its own.)
 */
export function sawNothing(statuses: readonly number[]): string | undefined {
  if (statuses.length === 0) return undefined;
  if (statuses.every((status) => status === 403))
    return "every request of this test was forbidden (403) to the run's identity, so nothing was checked";
  if (statuses.every((status) => status === 0))
    return 'no request of this test got an answer, so nothing was checked';
  return undefined;
}

/**
 * The target answered 401 to the run's own identity: without credentials (or with refused
 * ones) the test could not check what it set out to, so it ends INCONCLUSIVE, whatever it
 * concluded, and says what to give.
 */
function unauthorized(request: string, credentialsSent: boolean): void {
  if (current === undefined) return;
  const what = credentialsSent
    ? 'credentials refused (check --user NAME:PASSWORD)'
    : 'credentials needed (--user NAME:PASSWORD)';
  current.unauthorized ??= `${what}: the target answered 401 to ${request}`;
}

/** Called by property helpers: how many generated cases this test ran. */
export function noteGenerated(count: number): void {
  if (current !== undefined) current.generated += count;
}

/** The requirement of the running test, or undefined outside a requirement() block. */
export function currentRequirement(): string | undefined {
  return current?.requirement;
}

function idsOf(exchanges: readonly (Exchange | string)[]): string[] {
  return exchanges.map((item) => (typeof item === 'string' ? item : item.id));
}

export function evidenceOf(message: string, details: FailureDetails = {}): Evidence {
  const last = current?.exchangeIds.at(-1);
  const evidence: Evidence = {
    message,
    exchangeIds:
      details.exchanges !== undefined ? idsOf(details.exchanges) : last === undefined ? [] : [last],
  };
  if (details.pointer !== undefined) evidence.pointer = details.pointer;
  if (details.counterexample !== undefined) evidence.counterexample = details.counterexample;
  if (details.seed !== undefined) evidence.seed = details.seed;
  if (details.path !== undefined) evidence.path = details.path;
  return evidence;
}

export function fail(message: string, details?: FailureDetails): never {
  throw new ConformanceFailure(evidenceOf(message, details));
}

export function expectCheck(
  condition: unknown,
  message: string,
  details?: FailureDetails,
): asserts condition {
  if (!condition) fail(message, details);
}

function end(ending: Ending): never {
  if (current === undefined)
    throw new Error(`${ending.verdict} outside a requirement() test: ${ending.reason}`);
  current.ending = ending;
  return current.context.skip(`${ending.verdict}: ${ending.reason}`);
}

/** The target does not implement an optional feature this requirement is about. */
export function notApplicable(reason: string): never {
  return end({ verdict: 'NOT_APPLICABLE', reason });
}

/** The outcome could not be established (e.g. the broker said NO, so offers cannot be checked). */
export function inconclusive(reason: string): never {
  return end({ verdict: 'INCONCLUSIVE', reason });
}

function errorText(error: { message?: string; stack?: string; name?: string } | undefined): string {
  if (error === undefined) return 'the test failed without an error';
  const head = `${error.name ?? 'Error'}: ${error.message ?? ''}`;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trim().startsWith('at '))
    .slice(0, 4);
  return [head, ...frames.map((line) => line.trim())].join('\n');
}

function finish(context: TestContext): void {
  const test = current;
  current = undefined;
  if (test === undefined) return;
  const state = context.task.result?.state;
  const errors = context.task.result?.errors ?? [];
  let verdict: Verdict;
  let evidence: Evidence[] = [];
  if (test.unauthorized !== undefined && test.ending?.verdict !== 'NOT_APPLICABLE') {
    // Refused for want of credentials, the test checked nothing it set out to, pass or fail.
    verdict = 'INCONCLUSIVE';
    const cause = state === 'fail' ? errors[0]?.message : test.ending?.reason;
    const message = cause === undefined ? test.unauthorized : `${test.unauthorized}; ${cause}`;
    evidence = [{ message, exchangeIds: test.exchangeIds.slice(-3) }];
  } else if (state === 'skip') {
    verdict = test.ending?.verdict ?? 'NOT_APPLICABLE';
    evidence = [{ message: test.ending?.reason ?? 'skipped', exchangeIds: [] }];
  } else if (state === 'fail' && test.refused !== undefined) {
    // The target stopped listening: whatever failed afterwards says nothing about conformance.
    verdict = 'INCONCLUSIVE';
    const cause = errors[0]?.message ?? 'the test failed';
    evidence = [
      {
        message: `the target stopped answering during this test (${test.refused}); ${cause}`,
        exchangeIds: test.exchangeIds.slice(-3),
      },
    ];
  } else if (state === 'fail') {
    const first = errors[0];
    if (
      test.failure !== undefined &&
      first?.name === 'ConformanceFailure' &&
      first.message === test.failure.message
    ) {
      verdict = failureVerdict(levelOf(test.requirement) ?? 'MUST');
      evidence = [test.failure.evidence];
    } else {
      verdict = 'ERROR';
      evidence = [{ message: errorText(first), exchangeIds: test.exchangeIds.slice(-3) }];
    }
  } else {
    const nothing = sawNothing(test.ownStatuses);
    verdict = nothing === undefined ? 'PASS' : 'INCONCLUSIVE';
    if (nothing !== undefined)
      evidence = [{ message: nothing, exchangeIds: test.exchangeIds.slice(-3) }];
  }
  const entry: CaseRecord = {
    requirement: test.requirement,
    file: test.file,
    name: test.name,
    verdict,
    evidence,
    durationMs: Date.now() - test.startedAt,
  };
  if (test.generated > 0) entry.generated = test.generated;
  record('cases', entry);
  // Also on the task, for the runner's live progress line (task meta reaches the main process).
  context.task.meta.ebVerdict = verdict;
  context.task.meta.ebRequirement = test.requirement;
  context.task.meta.ebGenerated = test.generated;
}

/**
 * Declares the requirement a group of tests checks. An id missing from the catalogue makes
 * every test of the group an ERROR, so a typo cannot pass silently.
 */
export function requirement(id: string, body: () => void): void {
  // Every answer a conformance test sees is judged by the ambient checks as well.
  installAmbientChecks();
  if (!listening) {
    listening = true;
    onAnswer(noteAnswer);
  }
  describe(id, () => {
    beforeEach((context) => {
      current = {
        requirement: id,
        name: context.task.name,
        file: relative(process.cwd(), context.task.file.filepath),
        startedAt: Date.now(),
        context,
        exchangeIds: [],
        ownStatuses: [],
        generated: 0,
      };
      if (requirementInfo(id) === undefined) {
        throw new Error(`unknown requirement id ${id}: it is not in spec/requirements.yaml`);
      }
    });
    afterEach((context) => finish(context));
    body();
  });
}
