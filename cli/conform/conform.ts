// One conformance run, composed: pick the target (the built-in broker, or a URL after a first
// look at it), run the suites, apply expectations, write the report. Used by `run`, `replay`,
// the fault table and the benches, so every way of running the suites is the same way.

import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { countVerdicts, worstVerdict, type RunResult } from '../../contract/index.ts';
import { applyExpectations, defaultReportDir, writeReports } from '../../reports/index.ts';
import { parseCredentials, type TargetContext } from '../../suites/harness/context.ts';
import type { ProfileName } from '../../suites/harness/declaration.ts';
import { firstContact } from '../../suites/runner/first-contact.ts';
import type { ProgressMode } from '../../suites/runner/progress.ts';
import { runSuites } from '../../suites/runner/run-suites.ts';
import { startBuiltIn, type BuiltInBroker } from '../targets/built-in.ts';
import { assembleResult, untestable, type Assembly } from './result.ts';
import { UsageError, type RunPlan } from './plan.ts';

export interface Conformed {
  result: RunResult;
  reportDir: string;
  written: string[];
  /** Generated cases run (property runs), for the speed bench. */
  generated: number;
  /** Set when the target could not be tested: the one line that says why. */
  problem?: string;
}

export interface ConformOptions {
  progress: ProgressMode;
}

function profileFrom(plan: RunPlan, detected: ProfileName | undefined): ProfileName {
  const asked = plan.options.profile;
  if (asked === 'v1.0.7' || asked === 'v1.0.5') return asked;
  return plan.declaration.profile ?? detected ?? 'v1.0.7';
}

async function startTarget(plan: RunPlan): Promise<BuiltInBroker> {
  const asked = plan.options.profile;
  try {
    return await startBuiltIn({
      profile: asked === 'v1.0.5' ? 'v1.0.5' : 'v1.0.7',
      faults: plan.faults,
    });
  } catch (error) {
    throw new UsageError(`cannot start the built-in broker: ${(error as Error).message}`);
  }
}

function classesOf(requirements: RunResult['requirements']): RunResult['classes'] {
  return [...new Set(requirements.map((r) => r.class))].map((name) => {
    const members = requirements.filter((r) => r.class === name);
    return {
      name,
      verdict: worstVerdict(members.map((m) => m.verdict)) ?? 'NOT_APPLICABLE',
      counts: countVerdicts(members),
    };
  });
}

export async function conform(plan: RunPlan, options: ConformOptions): Promise<Conformed> {
  const startedAt = new Date();
  const runDir = mkdtempSync(join(tmpdir(), 'eb-conform-run-'));
  let broker: BuiltInBroker | undefined;
  try {
    let target: string;
    let declaration = plan.declaration;
    let credentials = plan.credentials;
    let secondCredentials = plan.secondCredentials;
    let assembly: Assembly;
    let generated = 0;
    let problem: string | undefined;
    if (plan.options.target === undefined) {
      broker = await startTarget(plan);
      target = broker.url;
      declaration = { ...broker.declaration, ...declaration };
      // The built-in broker, when it authenticates, hands over its own identities.
      if (broker.user !== undefined) credentials ??= parseCredentials(broker.user);
      if (broker.secondUser !== undefined)
        secondCredentials ??= parseCredentials(broker.secondUser, 'the second identity');
    } else target = plan.options.target;
    const contact =
      broker === undefined
        ? await firstContact(target, Math.min(plan.requestTimeoutMs, 10_000), plan.headers)
        : undefined;
    const profile = profileFrom({ ...plan, declaration }, contact?.profile);
    if (contact !== undefined && !contact.broker) {
      problem = contact.problem ?? `${target} cannot be tested`;
      const requirements = untestable(
        plan.selected,
        problem,
        contact.exchanges.map((e) => e.id),
      );
      assembly = {
        plan,
        target,
        builtIn: false,
        profile,
        startedAt,
        unreachable: true,
        collected: {
          requirements,
          classes: classesOf(requirements),
          coverage: { total: plan.selected.length, covered: 0, notTestable: [] },
          exchanges: contact.exchanges,
          timeline: [],
        },
      };
    } else {
      const context: TargetContext & { runDir: string } = {
        target,
        profile,
        declaration,
        seed: plan.seed,
        runs: plan.runs,
        maxWaitMs: plan.maxWaitMs,
        headers: plan.headers,
        requestTimeoutMs: plan.requestTimeoutMs,
        runDir,
        control: broker !== undefined || declaration.controlClock === true,
        builtIn: broker !== undefined,
        failOn: plan.failOn,
        ...(plan.options.spec === undefined ? {} : { spec: plan.options.spec }),
        ...(credentials === undefined ? {} : { credentials }),
        ...(secondCredentials === undefined ? {} : { secondCredentials }),
      };
      const collected = await runSuites(
        {
          context,
          selected: plan.selected,
          progress: options.progress,
          // --har full keeps every exchange; else the report keeps the cited ones and a sample.
          ...(plan.options.har === 'full' ? { exchangeLimit: Infinity } : {}),
          ...(plan.options.workers === undefined ? {} : { workers: plan.options.workers }),
        },
        plan.cores,
      );
      generated = collected.generated;
      assembly = {
        plan: { ...plan, declaration },
        target,
        builtIn: broker !== undefined,
        profile,
        startedAt,
        collected,
      };
    }
    let result = assembleResult(assembly);
    if (plan.expectations !== undefined) result = applyExpectations(result, plan.expectations);
    const reportDir =
      plan.options.reportDir ??
      defaultReportDir(broker === undefined ? target : 'http://built-in', startedAt);
    const written = await writeReports(result, reportDir, {
      secretHeaders: Object.keys(plan.headers),
      history: join(runDir, 'history'),
      har: plan.options.har ?? 'sample',
    });
    return { result, reportDir, written, generated, ...(problem === undefined ? {} : { problem }) };
  } finally {
    await broker?.close().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  }
}
