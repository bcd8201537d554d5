// `eb-conform check` without the command line: reads every input in order, settles the profile
// (given, or detected from the first items that tell), judges each item as it comes and keeps
// only what the report needs (the first exchanges and those the evidence cites; a second pass
// fetches any a trace finding cites later). Nothing is held whole: a HAR of a hundred thousand
// exchanges streams through.

import type { Exchange, RunResult } from '../../contract/result.ts';
import type { Declaration } from '../harness/declaration.ts';
import type { ProfileName, Rule } from '../rules/types.ts';
import { RULES } from '../rules/index.ts';
import { detectInput, readInput, type Input } from '../traffic/inputs.ts';
import type { InputProblem, TimeSource, TrafficItem } from '../traffic/types.ts';
import { classifier, type Classifier } from './classify.ts';
import { ruleContext } from './context.ts';
import { Judge } from './engine.ts';
import { ProfileDetector, type ProfileChoice } from './profile.ts';
import { buildResult, type ResultMeta } from './result.ts';
import { viewOfDocuments, viewOfItem } from './view.ts';

/** Items held back while the profile is not yet known. */
const MOST_BUFFERED = 1000;
/** Exchanges a report keeps beyond those its evidence cites. */
export const KEPT_EXCHANGES = 2000;

export interface CheckTrafficOptions {
  inputs: readonly string[];
  profile?: ProfileName | 'auto';
  declaration?: Declaration;
  skewMs?: number;
  /** Only these rules (names, or the requirement ids they judge). */
  rules?: readonly string[];
  keptExchanges?: number;
}

export interface CheckOutcome {
  judge: Judge;
  inputs: Input[];
  profile: ProfileChoice;
  timeSources: TimeSource[];
  problems: InputProblem[];
  exchanges: Exchange[];
  /** The broker the traffic was with, as far as it says (else the first input). */
  target: string;
}

/** The rules to run; throws for a name that is neither a rule nor a judged requirement. */
export function selectRules(names: readonly string[] | undefined): readonly Rule[] {
  if (names === undefined || names.length === 0) return RULES;
  const unknown = names.filter(
    (name) => !RULES.some((r) => r.name === name || r.requirement === name),
  );
  if (unknown.length > 0)
    throw new Error(
      `unknown rule(s) ${unknown.join(', ')}; known: ${RULES.map((r) => r.name).join(', ')}`,
    );
  return RULES.filter((rule) => names.includes(rule.name) || names.includes(rule.requirement));
}

function originOf(url: string | undefined): string | undefined {
  try {
    return url === undefined ? undefined : new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The broker a document names in its own meta.url. */
function documentOrigin(body: unknown): string | undefined {
  const url = (body as { meta?: { url?: unknown } } | undefined)?.meta?.url;
  return typeof url === 'string' ? originOf(url) : undefined;
}

export async function checkTraffic(options: CheckTrafficOptions): Promise<CheckOutcome> {
  const inputs: Input[] = [];
  for (const path of options.inputs) inputs.push(await detectInput(path));
  const rules = selectRules(options.rules);
  const detector = new ProfileDetector();
  const given =
    options.profile !== undefined && options.profile !== 'auto' ? options.profile : undefined;
  const problems: InputProblem[] = [];
  const timeSources = new Set<TimeSource>();
  const firstExchanges: Exchange[] = [];
  const cited = new Map<string, Exchange>();
  const keep = options.keptExchanges ?? KEPT_EXCHANGES;
  let target: string | undefined;
  let judge: Judge | undefined;
  let classify: Classifier | undefined;
  let choice: ProfileChoice | undefined;
  const buffered: TrafficItem[] = [];

  const start = (picked: ProfileChoice): Judge => {
    choice = picked;
    classify = classifier(picked.profile);
    const declaration = options.declaration ?? {};
    return new Judge(
      ruleContext({
        profile: picked.profile,
        ...(declaration.updatePath === undefined ? {} : { updatePath: declaration.updatePath }),
        ...(declaration.expiryGrace === undefined ? {} : { expiryGrace: declaration.expiryGrace }),
        ...(declaration.capacity === undefined ? {} : { capacity: declaration.capacity }),
        ...(options.skewMs === undefined ? {} : { skewMs: options.skewMs }),
      }),
      rules,
    );
  };
  const judgeItem = (active: Judge, item: TrafficItem): void => {
    if (item.kind === 'event') {
      timeSources.add('history');
      active.addEvent(item.event);
      return;
    }
    timeSources.add(item.timeSource);
    if (item.kind === 'documents') {
      target ??= documentOrigin(item.response?.body);
      active.add(viewOfDocuments(item), item.process);
      return;
    }
    target ??= originOf(item.exchange.request.url);
    const findings = active.add(viewOfItem(item, classify as Classifier), item.process);
    if (findings.some((finding) => finding.exchangeIds.includes(item.exchange.id)))
      cited.set(item.exchange.id, item.exchange);
    else if (firstExchanges.length < keep) firstExchanges.push(item.exchange);
  };

  if (given !== undefined) judge = start({ profile: given, how: 'given with --profile' });
  for (const [index, input] of inputs.entries()) {
    for await (const item of readInput(input, `i${index + 1}:`, (problem) =>
      problems.push(problem),
    )) {
      if (judge === undefined) {
        buffered.push(item);
        if (!detector.see(item) && buffered.length < MOST_BUFFERED) continue;
        judge = start(detector.choice());
        for (const held of buffered.splice(0)) judgeItem(judge, held);
        continue;
      }
      judgeItem(judge, item);
    }
  }
  if (judge === undefined) {
    judge = start(detector.choice());
    for (const held of buffered.splice(0)) judgeItem(judge, held);
  }
  judge.finish();
  // Trace findings cite exchanges judged long before: read those back from the inputs.
  const missing = new Set([...judge.tally.cited()].filter((id) => !cited.has(id)));
  for (const exchange of firstExchanges) missing.delete(exchange.id);
  if (missing.size > 0) {
    for (const [index, input] of inputs.entries()) {
      if (input.kind !== 'har' && input.kind !== 'transcript') continue;
      for await (const item of readInput(input, `i${index + 1}:`, () => undefined)) {
        if (item.kind !== 'exchange' || !missing.delete(item.exchange.id)) continue;
        cited.set(item.exchange.id, item.exchange);
        if (missing.size === 0) break;
      }
    }
  }
  return {
    judge,
    inputs,
    profile: choice as ProfileChoice,
    timeSources: [...timeSources],
    problems,
    exchanges: [...firstExchanges, ...cited.values()],
    target: target ?? `file:${inputs[0]?.path ?? ''}`,
  };
}

/** The report of a check: a RunResult in mode `check`, with what the outcome says. */
export function checkResult(
  outcome: CheckOutcome,
  meta: Omit<ResultMeta, 'mode' | 'target' | 'profile'>,
): RunResult {
  return buildResult(
    outcome.judge,
    { ...meta, mode: 'check', target: outcome.target, profile: outcome.profile.profile },
    outcome.exchanges,
  );
}
