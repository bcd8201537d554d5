// The proxy's judge: every exchange that passes through is judged by the registry as soon as
// its answer is complete, the trace rules are re-run over the history so far, and each new
// finding is said once. What the report needs is kept bounded: the first exchanges, the
// recent ones, and every one a finding cites.

import type { Exchange, RunResult } from '../contract/result.ts';
import type { HistoryEvent } from '../suites/history/events.ts';
import { failureVerdict } from '../contract/index.ts';
import { getRequirement } from '../spec/index.ts';
import type { Declaration } from '../suites/harness/declaration.ts';
import { classifier, type Classifier } from '../suites/judge/classify.ts';
import { ruleContext } from '../suites/judge/context.ts';
import { Judge } from '../suites/judge/engine.ts';
import { ProfileDetector, type ProfileChoice } from '../suites/judge/profile.ts';
import { buildResult, type ResultMeta } from '../suites/judge/result.ts';
import { viewOfExchange } from '../suites/judge/view.ts';
import type { Finding, ProfileName, Window } from '../suites/rules/types.ts';
import type { ExchangeItem } from '../suites/traffic/types.ts';

/** Exchanges judged before the profile is known at most; then the default profile is used. */
const MOST_UNDECIDED = 50;
/**
 * Up to this many history events the trace rules run before each answer is sent, so their
 * findings reach its header; beyond, they run in the background at most every TRACE_EVERY_MS
 * (a trace is rebuilt each time) and their findings are only said.
 */
const SYNC_TRACE_EVENTS = 1000;
const TRACE_EVERY_MS = 500;
const KEPT_FIRST = 1000;
const KEPT_RECENT = 1000;

export interface LiveOptions {
  profile?: ProfileName;
  declaration?: Declaration;
  skewMs?: number;
  /** Where each finding (and note) is said, one line each. */
  say?: (line: string) => void;
}

function verdictOf(requirement: string): string {
  const level = getRequirement(requirement)?.level;
  return level === undefined ? 'FAIL' : failureVerdict(level);
}

export class LiveJudge {
  private judge: Judge | undefined;
  private classify: Classifier | undefined;
  private choice: ProfileChoice | undefined;
  private readonly detector = new ProfileDetector();
  private readonly waiting: { exchange: Exchange; seen: Window }[] = [];
  private readonly said = new Set<string>();
  private readonly first: Exchange[] = [];
  private readonly recent = new Map<string, Exchange>();
  private readonly cited = new Map<string, Exchange>();
  private closed = false;
  private traceScheduled: NodeJS.Timeout | undefined;
  private judged = 0;

  constructor(private readonly options: LiveOptions = {}) {
    if (options.profile !== undefined)
      this.start({ profile: options.profile, how: 'given with --profile' });
  }

  /** Judges one exchange; returns the findings it revealed (its own and new trace findings). */
  add(exchange: Exchange, seen: Window): Finding[] {
    this.keep(exchange);
    if (this.judge === undefined) {
      const item: ExchangeItem = {
        kind: 'exchange',
        exchange,
        process: exchange.id,
        seen,
        timeSource: 'proxy',
        requestHeaders: true,
        source: exchange.id,
      };
      this.waiting.push({ exchange, seen });
      if (!this.detector.see(item) && this.waiting.length < MOST_UNDECIDED) return [];
      this.start(this.detector.choice());
      const found = this.waiting
        .splice(0)
        .flatMap((held) => this.judgeOne(held.exchange, held.seen));
      return [...found, ...this.traceFindings(true)];
    }
    return [...this.judgeOne(exchange, seen), ...this.traceFindings(false)];
  }

  /** The profile in use, once known. */
  profile(): ProfileChoice | undefined {
    return this.choice;
  }

  count(): number {
    return this.judged;
  }

  /** The history derived from everything judged so far. */
  events(): readonly HistoryEvent[] {
    return this.judge?.events ?? [];
  }

  /** The report of everything seen so far (the judging ends with it). */
  result(meta: Omit<ResultMeta, 'profile'>): RunResult {
    this.closed = true;
    if (this.traceScheduled !== undefined) clearTimeout(this.traceScheduled);
    if (this.judge === undefined) {
      this.start(this.detector.choice());
      for (const held of this.waiting.splice(0)) this.judgeOne(held.exchange, held.seen);
    }
    const judge = this.judge as Judge;
    judge.finish();
    for (const id of judge.tally.cited()) {
      const exchange = this.recent.get(id);
      if (exchange !== undefined) this.cited.set(id, exchange);
    }
    const kept = new Map([...this.first, ...this.cited.values()].map((x) => [x.id, x]));
    return buildResult(judge, { ...meta, profile: this.choice?.profile ?? 'v1.0.7' }, [
      ...kept.values(),
    ]);
  }

  private start(choice: ProfileChoice): void {
    this.choice = choice;
    this.classify = classifier(choice.profile);
    const declaration = this.options.declaration ?? {};
    this.judge = new Judge(
      ruleContext({
        profile: choice.profile,
        ...(declaration.updatePath === undefined ? {} : { updatePath: declaration.updatePath }),
        ...(declaration.expiryGrace === undefined ? {} : { expiryGrace: declaration.expiryGrace }),
        ...(declaration.capacity === undefined ? {} : { capacity: declaration.capacity }),
        ...(this.options.skewMs === undefined ? {} : { skewMs: this.options.skewMs }),
      }),
      undefined,
      // Everything that passes through the proxy is an exchange with the broker.
      true,
    );
    this.options.say?.(`profile ${choice.profile}: ${choice.how}`);
  }

  private keep(exchange: Exchange): void {
    if (this.first.length < KEPT_FIRST) {
      this.first.push(exchange);
      return;
    }
    this.recent.set(exchange.id, exchange);
    if (this.recent.size > KEPT_RECENT)
      this.recent.delete(this.recent.keys().next().value as string);
  }

  private judgeOne(exchange: Exchange, seen: Window): Finding[] {
    const judge = this.judge as Judge;
    const notes = judge.notes.length;
    const observed = viewOfExchange(exchange, this.classify as Classifier, {
      requestHeaders: true,
      seen,
    });
    const findings = judge.add(observed, exchange.id);
    this.judged += 1;
    for (const note of judge.notes.slice(notes))
      this.options.say?.(`note ${note.where}: ${note.message}`);
    return findings.filter((finding) => this.fresh(finding));
  }

  private traceFindings(force: boolean): Finding[] {
    const judge = this.judge as Judge;
    if (force || judge.events.length <= SYNC_TRACE_EVENTS) return this.runTrace();
    this.traceScheduled ??= setTimeout(() => {
      this.traceScheduled = undefined;
      if (this.closed) return;
      try {
        this.runTrace();
      } catch (error) {
        this.options.say?.(`eb-conform proxy: the trace rules failed: ${(error as Error).message}`);
      }
    }, TRACE_EVERY_MS);
    this.traceScheduled.unref();
    return [];
  }

  private runTrace(): Finding[] {
    return (this.judge as Judge)
      .judgeTrace()
      .flatMap(({ findings }) => findings)
      .filter((finding) => this.fresh(finding));
  }

  /** True the first time a finding is seen: it is said then, and its exchanges kept. */
  private fresh(finding: Finding): boolean {
    // The same finding about other exchanges is news; the same one found again is not.
    const key = `${finding.requirement}\u0000${finding.message}\u0000${finding.exchangeIds.join(',')}`;
    if (this.said.has(key)) return false;
    this.said.add(key);
    for (const id of finding.exchangeIds) {
      const exchange = this.recent.get(id);
      if (exchange !== undefined) this.cited.set(id, exchange);
    }
    const where = finding.exchangeIds.length > 0 ? ` [${finding.exchangeIds.join(', ')}]` : '';
    this.options.say?.(
      `${verdictOf(finding.requirement)} ${finding.requirement}: ${finding.message}${where}`,
    );
    return true;
  }
}

/** The findings of one answer as a header value: the count and the first, in one line. */
export function findingsHeader(findings: readonly Finding[]): string {
  const [first] = findings;
  const text =
    first === undefined
      ? '0'
      : `${findings.length}; ${verdictOf(first.requirement)} ${first.requirement}: ${first.message}`;
  // Header values are Latin-1 without control characters; keep them short.
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 400);
}
