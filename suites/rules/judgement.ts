// Small builders every rule uses, so findings look alike whatever the scope: an offer's
// pointer is rooted at its place in the offer set, an exchange finding cites its exchange, a
// trace finding cites the exchanges behind the history events that show it.

import type { Capacity, Trace } from '../history/trace.ts';
import type { ExchangeView, Finding, Judgement, OfferCase, RuleContext } from './types.ts';

/** The rule looked at `observed` things and found these problems (none: it holds). */
export function judged(observed: number, findings: Finding[] = []): Judgement {
  return { findings, observed };
}

/** Nothing here bears on the rule. */
export const NOTHING: Judgement = Object.freeze({ findings: [], observed: 0 }) as Judgement;

export function offerFinding(
  requirement: string,
  offer: OfferCase,
  message: string,
  pointer: string,
): Finding {
  return {
    requirement,
    message,
    pointer: `/offers/${offer.index}${pointer}`,
    exchangeIds: offer.cite,
    where: offer.where,
  };
}

export function viewFinding(
  requirement: string,
  view: ExchangeView,
  message: string,
  pointer?: string,
): Finding {
  return {
    requirement,
    message,
    ...(pointer === undefined ? {} : { pointer }),
    exchangeIds: view.cite,
    where: view.where,
  };
}

export function traceFinding(
  requirement: string,
  trace: Trace,
  message: string,
  events: readonly number[],
  session?: string,
): Finding {
  const sorted = [...new Set(events)].sort((a, b) => a - b);
  const sources = trace.sourcesAt(sorted);
  return {
    requirement,
    message,
    exchangeIds: trace.exchangesAt(sorted),
    ...(sources.length === 0 ? {} : { where: sources.join(', ') }),
    events: sorted,
    ...(session === undefined ? {} : { session }),
  };
}

/** The platform totals to judge by (declared, or noted in the history), or why there are none. */
export function capacityLimits(trace: Trace, context: RuleContext): Capacity | Judgement {
  const limits = context.capacity ?? trace.declared;
  if (limits !== undefined) return limits;
  return {
    findings: [],
    observed: 0,
    skipped: 'no capacity declared (use --declare or a declare event)',
  };
}

/** True for the answer of a capacity lookup that could not be made. */
export function isJudgement(value: Capacity | Judgement): value is Judgement {
  return 'findings' in value;
}
