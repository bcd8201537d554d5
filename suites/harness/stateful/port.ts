// What the stateful suites need from a broker, as one small interface: create, read, update
// and "let time pass", each recorded into a history. The HTTP implementation is in
// stateful-broker.ts; the model's own tests use an in-memory fake through the same interface.

import type { SessionFacts } from '../../history/events.ts';
import type { HistoryRecorder } from '../../history/recorder.ts';

export interface Created {
  status: number;
  result?: string;
  offerset?: string;
  offers: SessionFacts[];
  exchangeIds: string[];
}

export interface Observed {
  status: number;
  /** The session as the answer (or, for an update without a body, a follow-up read) showed it. */
  facts?: SessionFacts;
  exchangeIds: string[];
}

export interface StatefulPort {
  readonly recorder: HistoryRecorder;
  create(process: string, request: unknown): Promise<Created>;
  read(process: string, session: string): Promise<Observed>;
  /** Asks for a phase change through the profile's enum-value update on the update path. */
  update(process: string, session: string, phase: string): Promise<Observed>;
  /** Lets broker time pass: advances a control clock, else sleeps (bounded); returns ms passed. */
  pass(ms: number): Promise<number>;
  /** The broker's clock as best known (epoch ms). */
  brokerNow(): number;
  /** Re-reads the broker clock where it can be read (another client may have moved it). */
  syncClock(): Promise<void>;
}
