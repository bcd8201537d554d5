// The StatefulPort over HTTP: the harness client plus a history recorder plus an estimate of
// the broker's clock. Every call is recorded as one history operation, so what a test saw can
// be re-checked offline by `eb-conform check`.

import { BrokerClient, type Reply } from '../client.ts';
import { offersetFacts, sessionFacts } from '../../history/facts.ts';
import { HistoryRecorder, type Completion } from '../../history/recorder.ts';
import { instantMs, pick } from '../../history/time.ts';
import type { Created, Observed, StatefulPort } from './port.ts';

/** Without a control clock, a wait sleeps for real, but never longer than this. */
const MAX_REAL_SLEEP_MS = 1000;

function opFor(phase: string): 'accept' | 'reject' | 'cancel' {
  if (phase === 'ACCEPTED') return 'accept';
  if (phase === 'REJECTED') return 'reject';
  return 'cancel';
}

function outcome(reply: Reply, value: unknown): Completion {
  if (reply.status === 0) return { type: 'unknown', value: { error: reply.error ?? 'no answer' } };
  if (reply.status >= 200 && reply.status < 300) return { type: 'ok', value };
  // A 4xx is a refusal: the operation did not take effect. A 5xx may or may not have.
  return { type: reply.status < 500 ? 'fail' : 'unknown', value: { status: reply.status } };
}

/** Exchange ids travel in the history, so a violation found later can cite its exchanges. */
function withExchanges(completion: Completion, exchanges: string[]): Completion {
  const value = completion.value;
  const base =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { value };
  return { type: completion.type, value: { ...base, exchanges } };
}

export class StatefulBroker implements StatefulPort {
  readonly recorder = new HistoryRecorder();
  /** broker clock minus client clock, in ms. */
  private offset = 0;

  constructor(readonly client: BrokerClient = new BrokerClient()) {}

  /** A new broker view with its own history, starting from this one's clock estimate. */
  fork(): StatefulBroker {
    const twin = new StatefulBroker(this.client);
    twin.offset = this.offset;
    return twin;
  }

  brokerNow(): number {
    return Date.now() + this.offset;
  }

  /** Reads the control clock when there is one; else the estimate stays as it is. */
  async syncClock(): Promise<void> {
    if (!this.client.context.control) return;
    const reply = await this.client.raw('GET', '/_control/clock', {
      headers: { accept: 'application/json' },
    });
    this.learn(pick(reply.body, 'now'));
  }

  private learn(brokerInstant: unknown): void {
    const broker = instantMs(brokerInstant);
    if (broker === undefined) return;
    this.offset = broker - Date.now();
    this.recorder.note('clock', { broker: new Date(broker).toISOString() });
  }

  async create(process: string, request: unknown): Promise<Created> {
    const complete = this.recorder.invoke(process, 'create', { request });
    const created = await this.client.create(request);
    const last = created.replies[created.replies.length - 1] as Reply;
    const facts = offersetFacts(created.offerset);
    const exchangeIds = created.exchanges.map((exchange) => exchange.id);
    if (created.offerset === undefined) {
      complete(
        withExchanges(
          outcome(last.status === 200 ? { ...last, status: 502 } : last, facts),
          exchangeIds,
        ),
      );
      return { status: created.status, offers: [], exchangeIds };
    }
    complete({ type: 'ok', value: { ...facts, exchanges: exchangeIds } });
    // Without a control clock, an offerset's creation instant is the best reading of the
    // broker's clock there is (it also follows a time-scaled broker).
    if (!this.client.context.control) this.learn(pick(created.offerset, 'meta', 'created'));
    return { status: created.status, ...facts, exchangeIds };
  }

  async read(process: string, session: string): Promise<Observed> {
    const complete = this.recorder.invoke(process, 'read', { session });
    const reply = await this.client.getSession(session);
    const facts = sessionFacts(reply.body);
    complete(withExchanges(outcome(reply, facts ?? { session }), [reply.exchange.id]));
    return {
      status: reply.status,
      ...(facts === undefined ? {} : { facts }),
      exchangeIds: [reply.exchange.id],
    };
  }

  async update(process: string, session: string, phase: string): Promise<Observed> {
    const complete = this.recorder.invoke(process, opFor(phase), { session, phase });
    const reply = await this.client.update(session, phase);
    const facts = sessionFacts(reply.body);
    complete(
      withExchanges(outcome(reply, { status: reply.status, ...(facts ?? { session }) }), [
        reply.exchange.id,
      ]),
    );
    const exchangeIds = [reply.exchange.id];
    if (facts !== undefined || reply.status >= 300 || reply.status === 0) {
      return { status: reply.status, ...(facts === undefined ? {} : { facts }), exchangeIds };
    }
    // A 2xx update without a session body: look, so the test still learns the phase.
    const seen = await this.read(process, session);
    return {
      status: reply.status,
      ...(seen.facts === undefined ? {} : { facts: seen.facts }),
      exchangeIds: [...exchangeIds, ...seen.exchangeIds],
    };
  }

  async pass(ms: number): Promise<number> {
    if (this.client.context.control) {
      const reply = await this.client.raw('POST', '/_control/advance', {
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ seconds: ms / 1000 }),
      });
      if (reply.status === 200) {
        this.learn(pick(reply.body, 'now'));
        return ms;
      }
    }
    const sleep = Math.min(ms, MAX_REAL_SLEEP_MS);
    await new Promise((resolve) => setTimeout(resolve, sleep));
    return sleep;
  }
}
