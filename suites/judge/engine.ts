// The judge: applies the rule registry to exchanges as they come. Each exchange is judged by the
// exchange rules at once; a create's offers are judged against its request as soon as the
// offer set is known (in the answer, or in the GET of its Location); every exchange also
// becomes history events, over which the trace rules run when asked (the proxy asks as it
// goes, `check` once at the end). Nothing here reads files or talks to a broker.

import type { HistoryEvent } from '../history/events.ts';
import { sessionUuid } from '../history/facts.ts';
import { pick } from '../history/time.ts';
import { Trace } from '../history/trace.ts';
import { EXCHANGE_RULES, OFFER_RULES, TRACE_RULES } from '../rules/index.ts';
import type {
  ExchangeRule,
  ExchangeView,
  Finding,
  OfferCase,
  OfferRule,
  Rule,
  RuleContext,
  TraceRule,
} from '../rules/types.ts';
import { DOCUMENT_REQUIREMENT } from '../rules/documents.ts';
import { createEvents, sessionEvents } from './derive.ts';
import { Tally } from './tally.ts';
import type { Observed } from './view.ts';

/** Creates answered 303 whose offer set has not been read yet, by Location; bounded. */
const MOST_PENDING = 10_000;

/** Something worth saying that is no finding: a body that is not an ExecutionBroker document. */
export interface Note {
  requirement: string;
  message: string;
  where: string;
  exchangeIds: string[];
}

interface PendingCreate {
  view: ExchangeView;
  process: string;
}

export interface JudgeCounts {
  exchanges: number;
  /** Exchanges that were the broker's operations (or carried its documents): the ones judged. */
  broker: number;
  /** Exchanges that carried an ExecutionBroker document. */
  documents: number;
  sessions: number;
  offersets: number;
}

export class Judge {
  readonly tally: Tally;
  readonly events: HistoryEvent[] = [];
  readonly notes: Note[] = [];
  private readonly exchangeRules: readonly ExchangeRule[];
  private readonly offerRules: readonly OfferRule[];
  private readonly traceRules: readonly TraceRule[];
  private readonly pending = new Map<string, PendingCreate>();
  private readonly sessions = new Set<string>();
  private readonly offersets = new Set<string>();
  private exchanges = 0;
  private broker = 0;
  private documents = 0;
  private finished = false;
  private final: Trace | undefined;

  /**
   * `everyExchange`: judge exchanges on paths that are none of the broker's operations too
   * (the proxy and the live run only ever talk to the broker; a HAR file may hold a whole
   * browser session, whose other requests are no concern of the broker's).
   */
  constructor(
    readonly context: RuleContext,
    rules: readonly Rule[] = [...EXCHANGE_RULES, ...OFFER_RULES, ...TRACE_RULES],
    private readonly everyExchange = false,
  ) {
    this.tally = new Tally(rules);
    this.exchangeRules = rules.filter((rule): rule is ExchangeRule => rule.scope === 'exchange');
    this.offerRules = rules.filter((rule): rule is OfferRule => rule.scope === 'offer');
    this.traceRules = rules.filter((rule): rule is TraceRule => rule.scope === 'trace');
  }

  /**
   * Judges one exchange; returns what its exchange rules and the offers it completed found.
   * `process` names who made it: exchanges of one process were made one after another.
   */
  add({ view, pathUuid }: Observed, process: string): Finding[] {
    this.exchanges += 1;
    const documented = view.document === 'OfferSetResponse' || view.document === 'ExecutionSession';
    this.note(view);
    if (view.op === 'other' && !documented && !this.everyExchange) return [];
    this.broker += 1;
    const findings: Finding[] = [];
    for (const rule of this.exchangeRules) {
      const judgement = rule.judge(view, this.context);
      this.tally.add(rule, judgement);
      findings.push(...judgement.findings);
    }
    if (documented) {
      this.documents += 1;
      this.remember(view.body);
    }
    if (view.op === 'create') findings.push(...this.created(view, process));
    else if (view.op === 'offerset' && this.pending.size > 0) {
      const key = view.url === undefined ? undefined : normalUrl(view.url);
      const create = key === undefined ? undefined : this.pending.get(key);
      if (create !== undefined && view.document === 'OfferSetResponse') {
        this.pending.delete(key as string);
        findings.push(...this.followed(create, view));
      } else this.events.push(...sessionEvents(process, view));
    } else this.events.push(...sessionEvents(process, view, pathUuid));
    return findings;
  }

  /** Adds events of a recorded history (history.ndjson) as they are. */
  addEvent(event: HistoryEvent): void {
    this.events.push(event);
  }

  /** Whether anything of an ExecutionBroker conversation was seen at all. */
  sawBroker(): boolean {
    return this.broker > 0 || this.events.length > 0;
  }

  /** Runs the trace rules over everything so far, without counting them (the proxy's view). */
  judgeTrace(): { rule: TraceRule; findings: Finding[] }[] {
    const trace = new Trace(this.withPending());
    return this.traceRules.map((rule) => ({
      rule,
      findings: rule.judge(trace, this.context).findings,
    }));
  }

  /** Ends the judging: the creates never followed up are closed and the trace rules counted. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const event of this.closedPending()) this.events.push(event);
    this.pending.clear();
    const trace = new Trace(this.events);
    this.final = trace;
    for (const rule of this.traceRules) this.tally.add(rule, rule.judge(trace, this.context));
    for (const session of trace.observations.keys()) this.sessions.add(session);
  }

  /** The trace of everything judged, once judging has finished. */
  trace(): Trace {
    this.finish();
    return this.final as Trace;
  }

  counts(): JudgeCounts {
    return {
      exchanges: this.exchanges,
      broker: this.broker,
      documents: this.documents,
      sessions: this.sessions.size,
      offersets: this.offersets.size,
    };
  }

  /** The creates answered 303 whose Location nobody read: they took effect, offers unknown. */
  private closedPending(): HistoryEvent[] {
    return [...this.pending.values()].flatMap(({ view, process }) =>
      createEvents(process, view, undefined, view.request),
    );
  }

  private withPending(): HistoryEvent[] {
    return this.pending.size === 0 ? this.events : [...this.events, ...this.closedPending()];
  }

  private remember(body: unknown): void {
    const uuid = sessionUuid(body);
    const offers = pick(body, 'offers');
    if (Array.isArray(offers)) {
      if (uuid !== undefined) this.offersets.add(uuid);
      for (const offer of offers) {
        const id = sessionUuid(offer);
        if (id !== undefined) this.sessions.add(id);
      }
    } else if (uuid !== undefined) this.sessions.add(uuid);
  }

  private note(view: ExchangeView): void {
    if (view.document !== 'foreign' && view.document !== 'unparseable') return;
    // Only where a document could have been due: a broker operation, or a document file.
    if (view.expect === undefined && view.method !== undefined) return;
    // A success that carries it is already a finding of the document's schema requirement.
    if (
      view.status !== undefined &&
      view.status >= 200 &&
      view.status < 300 &&
      view.expect !== undefined
    )
      return;
    const what =
      view.document === 'unparseable'
        ? `an unreadable body (${view.parseError ?? 'parse error'})`
        : (view.looksLike ?? 'something else');
    this.notes.push({
      requirement: DOCUMENT_REQUIREMENT[view.expect ?? 'OfferSetResponse'],
      message: `not an ExecutionBroker document: ${what}`,
      where: view.where,
      exchangeIds: view.cite,
    });
  }

  private created(view: ExchangeView, process: string): Finding[] {
    if (view.document === 'OfferSetResponse') {
      this.events.push(...createEvents(process, view, view.body, view.request));
      return this.judgeOffers(view.request, view.body, view);
    }
    const location = view.headers?.location;
    if (view.status === 303 && location !== undefined && location !== '') {
      if (this.pending.size >= MOST_PENDING) {
        const oldest = this.pending.keys().next().value as string;
        const stale = this.pending.get(oldest) as PendingCreate;
        this.pending.delete(oldest);
        this.events.push(...createEvents(stale.process, stale.view, undefined, stale.view.request));
      }
      this.pending.set(normalUrl(resolve(location, view.url)), { view, process });
      return [];
    }
    this.events.push(...createEvents(process, view, undefined, view.request));
    return [];
  }

  /** The GET of a 303's Location: the create's offers, timed from the POST to this answer. */
  private followed(create: PendingCreate, read: ExchangeView): Finding[] {
    const from = create.view.seen?.from ?? read.seen?.from;
    const to = read.seen?.to ?? create.view.seen?.to;
    const merged: ExchangeView = {
      ...create.view,
      cite: [...create.view.cite, ...read.cite],
      ...(from === undefined || to === undefined ? {} : { seen: { from, to } }),
    };
    this.events.push(...createEvents(create.process, merged, read.body, create.view.request));
    return this.judgeOffers(create.view.request, read.body, merged);
  }

  private judgeOffers(request: unknown, offerset: unknown, view: ExchangeView): Finding[] {
    const offers = pick(offerset, 'offers');
    if (!Array.isArray(offers)) return [];
    const findings: Finding[] = [];
    offers.forEach((offer, index) => {
      const offerCase: OfferCase = {
        request,
        offerset,
        offer,
        index,
        cite: view.cite,
        where: view.where,
        ...(view.seen === undefined ? {} : { seen: view.seen }),
      };
      for (const rule of this.offerRules) {
        const judgement = rule.judge(offerCase, this.context);
        this.tally.add(rule, judgement);
        findings.push(...judgement.findings);
      }
    });
    return findings;
  }
}

function resolve(location: string, base: string | undefined): string {
  try {
    return new URL(location, base).toString();
  } catch {
    return location;
  }
}

/**
 * Locations are matched by path alone: the uuid in it is unique, and a client may reach the
 * same broker by another name (localhost, 127.0.0.1, a proxy).
 */
function normalUrl(url: string): string {
  try {
    return new URL(url, 'http://host.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  }
}
