// Turns what an exchange showed into history events, so the trace rules judge recorded traffic
// exactly as they judge the live suites' own histories: a create with the offers it produced,
// a read with the session or offer set it saw, an update with the phase it asked for and the
// answer it got. Each operation is timed by the window in which its answer was seen.

import type { HistoryEvent, Op, SessionFacts } from '../history/events.ts';
import { offersetFacts, sessionFacts, sessionUuid } from '../history/facts.ts';
import { pick } from '../history/time.ts';
import type { ExchangeView } from '../rules/types.ts';

type Completion = { type: 'ok' | 'fail' | 'unknown'; value: Record<string, unknown> };

const PHASE_OPS: Record<string, Op> = {
  ACCEPTED: 'accept',
  REJECTED: 'reject',
  CANCELLED: 'cancel',
};

/** Invoke at the start of the window, completion at its end (NaN: when is not known). */
export function operation(
  process: string,
  op: Op,
  invokeValue: unknown,
  completion: Completion,
  view: ExchangeView,
): HistoryEvent[] {
  const from = view.seen?.from ?? Number.NaN;
  const to = view.seen?.to ?? Number.NaN;
  return [
    { process, type: 'invoke', op, value: invokeValue, time: from },
    {
      process,
      type: completion.type,
      op,
      // A source with no recorded exchange to cite is named instead (a document file).
      value: {
        ...completion.value,
        exchanges: view.cite,
        ...(view.cite.length === 0 ? { where: view.where } : {}),
      },
      time: to,
    },
  ];
}

/** How the answer ended the operation: took effect, certainly did not, or may have. */
export function outcomeOf(view: ExchangeView, value: Record<string, unknown>): Completion {
  const status = view.status;
  if (view.error !== undefined || (status !== undefined && status >= 500))
    return { type: 'unknown', value: { error: view.error ?? `status ${status}` } };
  if (status !== undefined && status >= 400) return { type: 'fail', value: { status } };
  if (status === undefined && view.document !== view.expect)
    // No status and no document: nothing says what happened.
    return { type: 'unknown', value: { error: 'no status and no document' } };
  return { type: 'ok', value: { ...(status === undefined ? {} : { status }), ...value } };
}

/**
 * What the history keeps of a request: only its requested schedule (the report's timeline
 * draws the windows). The rules that compare offers with requests judge them as they come; a
 * long recording need not hold every request body to the end.
 */
function requestStub(request: unknown): unknown {
  const requested = pick(request, 'schedule', 'requested');
  return requested === undefined ? {} : { schedule: { requested } };
}

/** Identical option tables (nearly all of them) are kept once. */
const optionTables = new Map<string, Record<string, string[]>>();

function shareOptions(facts: SessionFacts): SessionFacts {
  if (facts.options === undefined) return facts;
  const key = JSON.stringify(facts.options);
  let shared = optionTables.get(key);
  if (shared === undefined) {
    if (optionTables.size > 1000) optionTables.clear();
    optionTables.set(key, (shared = facts.options));
  }
  facts.options = shared;
  return facts;
}

/** The offer set facts of a create's answer (the offers, with their request-time facts). */
export function createEvents(
  process: string,
  view: ExchangeView,
  offerset: unknown,
  request: unknown,
): HistoryEvent[] {
  const facts = offerset === undefined ? undefined : offersetFacts(offerset);
  facts?.offers.forEach(shareOptions);
  return operation(
    process,
    'create',
    { request: requestStub(request) },
    outcomeOf(view, (facts ?? {}) as unknown as Record<string, unknown>),
    view,
  );
}

/** A read, an update or a direct submission: what the answer shows of the session. */
export function sessionEvents(
  process: string,
  view: ExchangeView,
  pathUuid?: string,
): HistoryEvent[] {
  if (view.op === 'offerset') {
    if (view.document !== 'OfferSetResponse') return [];
    return operation(
      process,
      'read',
      { offerset: sessionUuid(view.body) ?? null },
      outcomeOf(view, offersetFacts(view.body) as unknown as Record<string, unknown>),
      view,
    );
  }
  const read = view.document === 'ExecutionSession' ? sessionFacts(view.body) : undefined;
  const facts = read === undefined ? undefined : shareOptions(read);
  const session = pathUuid ?? facts?.session;
  if (session === undefined) return [];
  const seen = (facts ?? { session }) as unknown as Record<string, unknown>;
  if (view.op === 'update') {
    const update = (pick(view.request, 'update') ?? view.request) as unknown;
    const value = pick(update, 'value');
    const op = typeof value === 'string' ? PHASE_OPS[value] : undefined;
    if (op !== undefined)
      return operation(process, op, { session, phase: value }, outcomeOf(view, seen), view);
  }
  if (facts === undefined) return [];
  return operation(process, 'read', { session }, outcomeOf(view, seen), view);
}
