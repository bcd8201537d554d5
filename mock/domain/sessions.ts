// Execution sessions (offers, once made) and how their phase follows from what the client
// decided and what the broker clock says. The stored `decision` changes only on client or
// broker actions; the lifecycle phases after acceptance are read off the schedule, so the
// session moves on at the right instant whether or not anyone is looking.
import { type SessionPhase } from './phases.ts';
import type { Booking } from './calendar.ts';
import type { Allocation } from './slots.ts';
import type { DomainMessage } from './messages.ts';
import type { RequestedComponent } from './request.ts';

/** What has been decided about a session; the finer lifecycle phases are derived from time. */
export type Decision = 'OFFERED' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED' | 'CANCELLED';

export interface SessionSchedule {
  preparingStart: number;
  preparation: number;
  availableStart: number;
  duration: number;
  releasingStart: number;
  release: number;
}

export interface Session {
  readonly uuid: string;
  readonly offerSetUuid: string | undefined;
  /** The identity that asked for it; undefined without authentication. */
  readonly owner: string | undefined;
  readonly created: number;
  modified: number;
  readonly expires: number;
  decision: Decision;
  decidedAt: number | undefined;
  readonly executable: RequestedComponent | undefined;
  readonly compute: RequestedComponent | undefined;
  readonly volumes: readonly RequestedComponent[];
  readonly storage: RequestedComponent[];
  readonly data: RequestedComponent[];
  readonly allocation: Allocation;
  readonly schedule: SessionSchedule;
  booking: Booking | undefined;
  readonly messages: readonly DomainMessage[];
  /** Reads since acceptance; only the `phase-regression` fault looks at it. */
  readsSinceAccept: number;
  /** A direct session: whether it is counted among the finished groups (see holdings.ts). */
  filed: boolean;
}

export interface LifecycleTimings {
  acceptedHold: number;
  availableHold: number;
  /** The Java broker's way: PREPARING from just after acceptance, with no WAITING. */
  earlyPreparing?: boolean;
}

export function scheduleOf(plan: {
  availableStart: number;
  duration: number;
  preparation: number;
  release: number;
}): SessionSchedule {
  return {
    preparingStart: plan.availableStart - plan.preparation,
    preparation: plan.preparation,
    availableStart: plan.availableStart,
    duration: plan.duration,
    releasingStart: plan.availableStart + plan.duration,
    release: plan.release,
  };
}

/** The instant the session's booking ends: the end of its release. */
export function sessionEnd(session: Session): number {
  return session.schedule.releasingStart + session.schedule.release;
}

/**
 * The instants an accepted session enters each phase. Each boundary is pushed to no earlier
 * than the one before it, so a session accepted late (after its preparation should have begun)
 * still passes through every phase in order, just more briefly.
 */
function boundaries(session: Session, acceptedAt: number, timings: LifecycleTimings) {
  const { schedule } = session;
  const waiting = acceptedAt + timings.acceptedHold;
  const preparing =
    timings.earlyPreparing === true ? waiting : Math.max(schedule.preparingStart, waiting);
  const available = Math.max(schedule.availableStart, preparing);
  const running = Math.max(
    schedule.availableStart + Math.min(timings.availableHold, schedule.duration / 2),
    available,
  );
  const releasing = Math.max(schedule.releasingStart, running);
  const completed = Math.max(schedule.releasingStart + schedule.release, releasing);
  return { waiting, preparing, available, running, releasing, completed };
}

/**
 * When an accepted session became (or will become) AVAILABLE, and when it completes; undefined
 * for a session that is not accepted (offered, or ended before it ran).
 */
export function runSpan(
  session: Session,
  timings: LifecycleTimings,
): { available: number; completed: number } | undefined {
  if (session.decision !== 'ACCEPTED') return undefined;
  const { available, completed } = boundaries(
    session,
    session.decidedAt ?? session.created,
    timings,
  );
  return { available, completed };
}

/** The phase of an accepted session at `now` (see `boundaries`). */
export function activePhaseAt(
  session: Session,
  acceptedAt: number,
  now: number,
  timings: LifecycleTimings,
): SessionPhase {
  const { waiting, preparing, available, running, releasing, completed } = boundaries(
    session,
    acceptedAt,
    timings,
  );
  if (now >= completed) return 'COMPLETED';
  if (now >= releasing) return 'RELEASING';
  if (now >= running) return 'RUNNING';
  if (now >= available) return 'AVAILABLE';
  if (now >= preparing) return 'PREPARING';
  if (now >= waiting) return 'WAITING';
  return 'ACCEPTED';
}

/**
 * The instant a session reached (or will reach) a final phase, or undefined while it can
 * still change: an open offer, or an accepted session whose phases do not progress.
 */
export function finalAt(
  session: Session,
  timings: LifecycleTimings,
  progresses = true,
): number | undefined {
  switch (session.decision) {
    case 'OFFERED':
      return undefined;
    case 'ACCEPTED':
      return progresses
        ? boundaries(session, session.decidedAt ?? session.created, timings).completed
        : undefined;
    default:
      return session.decidedAt ?? session.modified;
  }
}

export function phaseAt(
  session: Session,
  now: number,
  timings: LifecycleTimings,
  progresses = true,
): SessionPhase {
  switch (session.decision) {
    case 'OFFERED':
      return 'OFFERED';
    case 'ACCEPTED':
      return progresses
        ? activePhaseAt(session, session.decidedAt ?? session.created, now, timings)
        : 'ACCEPTED';
    default:
      return session.decision;
  }
}
