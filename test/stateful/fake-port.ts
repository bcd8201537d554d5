// An in-memory broker behind the StatefulPort interface, for testing the model without HTTP.
// It follows the lifecycle rules unless told to misbehave in one named way.

import { allowedTargets, isTerminal, type SessionPhase } from '../../mock/domain/phases.ts';
import type { SessionFacts } from '../../suites/history/events.ts';
import { HistoryRecorder } from '../../suites/history/recorder.ts';
import type { Created, Observed, StatefulPort } from '../../suites/harness/stateful/port.ts';

export type FakeDefect =
  | 'siblings-stay-offered'
  | 'reject-ignored'
  | 'accept-after-expiry'
  | 'silent-illegal-update'
  | 'cancel-ignored';

interface FakeSession {
  uuid: string;
  offerset: string;
  phase: SessionPhase;
  expires: number;
}

const LIFETIME = 300_000;

export class FakePort implements StatefulPort {
  readonly recorder: HistoryRecorder;
  private clock = Date.parse('2030-01-01T00:00:00Z');
  private readonly sessions = new Map<string, FakeSession>();
  private counter = 0;
  /** Client time moves a millisecond per event so that sequential calls are ordered. */
  private ticks = 0;

  constructor(private readonly defect?: FakeDefect) {
    this.recorder = new HistoryRecorder(() => this.clock + ++this.ticks);
  }

  brokerNow(): number {
    return this.clock;
  }

  async syncClock(): Promise<void> {
    // The fake's clock only moves through pass(): nothing to re-read.
  }

  async pass(ms: number): Promise<number> {
    this.clock += ms;
    for (const session of this.sessions.values()) {
      if (session.phase === 'OFFERED' && this.clock >= session.expires) session.phase = 'EXPIRED';
    }
    return ms;
  }

  private facts(session: FakeSession): SessionFacts {
    const options = allowedTargets(session.phase);
    return {
      session: session.uuid,
      offerset: session.offerset,
      phase: session.phase,
      expires: new Date(session.expires).toISOString(),
      cores: 1,
      memory: 1,
      storage: 0,
      options: options.length > 0 ? { phase: options } : {},
    };
  }

  async create(process: string, request: unknown): Promise<Created> {
    const offerset = `set-${++this.counter}`;
    const made = [1, 2].map(() => {
      const session: FakeSession = {
        uuid: `s-${++this.counter}`,
        offerset,
        phase: 'OFFERED',
        expires: this.clock + LIFETIME,
      };
      this.sessions.set(session.uuid, session);
      return session;
    });
    const offers = made.map((session) => this.facts(session));
    this.recorder.invoke(process, 'create', { request })({
      type: 'ok',
      value: { offerset, result: 'YES', offers },
    });
    return { status: 200, result: 'YES', offerset, offers, exchangeIds: [] };
  }

  async read(process: string, uuid: string): Promise<Observed> {
    const complete = this.recorder.invoke(process, 'read', { session: uuid });
    const session = this.sessions.get(uuid);
    if (session === undefined) {
      complete({ type: 'fail', value: { status: 404 } });
      return { status: 404, exchangeIds: [] };
    }
    const facts = this.facts(session);
    complete({ type: 'ok', value: facts });
    return { status: 200, facts, exchangeIds: [] };
  }

  async update(process: string, uuid: string, phase: string): Promise<Observed> {
    const complete = this.recorder.invoke(process, phaseOp(phase), { session: uuid });
    const session = this.sessions.get(uuid);
    if (session === undefined) {
      complete({ type: 'fail', value: { status: 404 } });
      return { status: 404, exchangeIds: [] };
    }
    const status = this.apply(session, phase as SessionPhase);
    const facts = this.facts(session);
    complete({ type: status === 200 ? 'ok' : 'fail', value: { status, ...facts } });
    return { status, facts, exchangeIds: [] };
  }

  private apply(session: FakeSession, to: SessionPhase): number {
    const legal = allowedTargets(session.phase).includes(to);
    if (to === 'ACCEPTED' && session.phase === 'EXPIRED' && this.defect === 'accept-after-expiry') {
      session.phase = 'ACCEPTED';
      return 200;
    }
    if (!legal) return this.defect === 'silent-illegal-update' ? 200 : 409;
    if (to === 'REJECTED' && this.defect === 'reject-ignored') return 200;
    if (to === 'CANCELLED' && this.defect === 'cancel-ignored') return 200;
    session.phase = to;
    if (to === 'ACCEPTED' && this.defect !== 'siblings-stay-offered') {
      for (const other of this.sessions.values()) {
        if (other.offerset === session.offerset && other !== session && !isTerminal(other.phase)) {
          other.phase = 'REJECTED';
        }
      }
    }
    return 200;
  }
}

function phaseOp(phase: string): 'accept' | 'reject' | 'cancel' {
  if (phase === 'ACCEPTED') return 'accept';
  if (phase === 'REJECTED') return 'reject';
  return 'cancel';
}
