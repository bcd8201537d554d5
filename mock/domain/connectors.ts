// A Docker session's log connectors, as the newest Calycopis brokers give them: one for stdout
// and one for stderr. Their status follows the session: PREPARING (no location) until the
// session is AVAILABLE, then AVAILABLE, then FINISHED once it has ended. What they serve is a
// simulated log, made up from the session and the clock alone so that every read agrees.
import type { FaultSet } from './faults.ts';
import { formatInstant, TIME } from './iso.ts';
import type { SessionPhase } from './phases.ts';
import type { LifecycleTimings, Session } from './sessions.ts';
import { runSpan } from './sessions.ts';

export type ConnectorStatus = 'PREPARING' | 'AVAILABLE' | 'FINISHED';

export const LOG_STREAMS = ['stdout', 'stderr'] as const;
export type LogStream = (typeof LOG_STREAMS)[number];

/** A stdout line every ten seconds of broker time, a stderr line every minute, at most this many. */
const MAX_LINES = 200;
const EVERY: Record<LogStream, number> = { stdout: 10 * TIME.SECOND, stderr: TIME.MINUTE };

const RUNNING: ReadonlySet<SessionPhase> = new Set(['AVAILABLE', 'RUNNING', 'RELEASING']);
const ENDED: ReadonlySet<SessionPhase> = new Set([
  'COMPLETED',
  'CANCELLED',
  'FAILED',
  'REJECTED',
  'EXPIRED',
]);

export function hasConnectors(session: Session, faults: FaultSet): boolean {
  return session.executable?.kind === 'docker-container' && !faults.has('connectors-missing');
}

/** The status of a session's connectors while the session is in `phase`. */
export function connectorStatus(phase: SessionPhase, faults: FaultSet): ConnectorStatus {
  if (ENDED.has(phase)) return 'FINISHED';
  if (!RUNNING.has(phase) || faults.has('connector-never-available')) return 'PREPARING';
  // The `connector-regresses` fault takes the connector back while the session runs.
  if (phase === 'RUNNING' && faults.has('connector-regresses')) return 'PREPARING';
  return 'AVAILABLE';
}

/** Whether the log can be read: the connector is AVAILABLE, or the session ran to its end. */
export function logReadable(phase: SessionPhase, faults: FaultSet): boolean {
  const status = connectorStatus(phase, faults);
  return status === 'AVAILABLE' || (status === 'FINISHED' && phase === 'COMPLETED');
}

/** The lines a log stream holds at `now`: deterministic, and bounded. */
export function logLines(
  session: Session,
  stream: LogStream,
  now: number,
  timings: LifecycleTimings,
): string[] {
  const span = runSpan(session, timings);
  if (span === undefined || now < span.available) return [];
  const until = Math.min(now, span.completed);
  const count = Math.min(MAX_LINES, Math.floor((until - span.available) / EVERY[stream]) + 1);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = formatInstant(span.available + i * EVERY[stream]);
    lines.push(
      stream === 'stdout'
        ? `${at} ${i === 0 ? 'started' : 'working'}: session ${session.uuid}, step ${i}`
        : `${at} note: simulated output of the eb-conform reference broker (${i})`,
    );
  }
  if (now >= span.completed) lines.push(`${formatInstant(span.completed)} ${stream} closed`);
  return lines;
}
