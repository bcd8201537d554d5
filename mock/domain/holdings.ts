// What the broker holds, and when it lets go. Offer sets (with their offers) and direct sessions
// are kept as groups: a group is forgotten whole, once everything in it has been final for the
// retention, so a uuid the client was given reads the same until then and unknown after.
//
// Memory is bounded two ways, so that no client, however fast, can grow the broker:
// - at most `kept` finished groups are held; past that the group that finished first is
//   forgotten first, before its retention runs out (a client sees 404 for it sooner);
// - at most `open` groups may be undecided at once; past that the broker turns creates away
//   (the HTTP layer answers 503 with Retry-After: `busyFor`).
// Whenever a decision makes a group's final instant known, the group is filed in a due queue
// under that instant plus the retention; every operation first forgets what has fallen due, so
// memory follows the retention exactly, with no periodic scan.
import { DueQueue } from './due-queue.ts';
import type { DomainMessage } from './messages.ts';
import type { Session } from './sessions.ts';
import { UuidTable } from './uuid-table.ts';

export interface OfferSet {
  readonly uuid: string;
  readonly name: string | undefined;
  readonly created: number;
  readonly result: 'YES' | 'NO';
  readonly offers: readonly string[];
  /** The offers themselves, in the order of `offers`; they are kept and forgotten together. */
  readonly sessions: readonly Session[];
  readonly messages: readonly DomainMessage[];
  /** The identity that asked for it (and so owns its sessions); undefined without auth. */
  readonly owner: string | undefined;
  /** Whether its final instant is known and it is counted among the finished groups. */
  filed: boolean;
}

export type Group = OfferSet | Session;

export function isOfferSet(group: Group): group is OfferSet {
  return 'offers' in group;
}

export interface HoldingRules {
  /** How long (broker time) a finished group is kept. */
  retention: number;
  /** Finished groups kept at most; the earliest finished are forgotten first past it. */
  kept: number;
  /** Undecided groups allowed at once; past it new ones are refused. */
  open: number;
  /** When a session became (or will become) final, or undefined while it can still change. */
  finalOf(session: Session): number | undefined;
  /** Called for each session as it is forgotten, to give back what it holds. */
  release(session: Session): void;
}

export class Holdings {
  readonly offerSets = new UuidTable<OfferSet>();
  readonly sessions = new UuidTable<Session>();
  /** Finished groups by the instant their retention runs out (entries may be stale: see take). */
  private readonly due = new DueQueue<Group>();
  private finished = 0;
  private directs = 0;

  constructor(private readonly rules: HoldingRules) {}

  /** Groups held whose final instant is not known yet: open offers, undecided sessions. */
  get open(): number {
    return this.offerSets.size + this.directs - this.finished;
  }

  /** Groups held in all. */
  get held(): number {
    return this.offerSets.size + this.directs;
  }

  addOfferSet(offerSet: OfferSet): void {
    this.offerSets.set(offerSet);
    for (const session of offerSet.sessions) this.sessions.set(session);
  }

  addDirect(session: Session): void {
    this.sessions.set(session);
    this.directs++;
  }

  /** The group a session is kept and forgotten with: its offer set, or itself. */
  groupOf(session: Session): Group | undefined {
    return session.offerSetUuid === undefined ? session : this.offerSets.get(session.offerSetUuid);
  }

  /** When the last of a group's sessions became final (a NO: its creation), or undefined. */
  finalAt(group: Group): number | undefined {
    if (!isOfferSet(group)) return this.rules.finalOf(group);
    let latest = group.created;
    for (const session of group.sessions) {
      const final = this.rules.finalOf(session);
      if (final === undefined) return undefined;
      latest = Math.max(latest, final);
    }
    return latest;
  }

  /**
   * Files a group in the due queue if its final instant is known now. Called after every
   * decision; a group filed twice (a cancel after an acceptance) is counted once, and its
   * earlier entry is found stale when it comes up.
   */
  file(group: Group, now: number): void {
    const final = this.finalAt(group);
    if (final === undefined) return;
    this.due.push(final + this.rules.retention, group);
    if (!group.filed) {
      group.filed = true;
      this.finished++;
    }
    if (this.finished > this.rules.kept) this.evict(now);
  }

  /** Forgets every filed group whose retention has run out by `now`; true if it forgot any. */
  forgetDue(now: number): boolean {
    return this.take(now, now - this.rules.retention);
  }

  /**
   * How long (broker ms) a client should wait before a create can be taken, or undefined when
   * one can be taken now: the time until the next open offer expires or the next running
   * session finishes, whichever frees a place first.
   */
  busyFor(now: number, nextExpiry: number | undefined): number | undefined {
    const { open, kept, retention } = this.rules;
    let freedAt: number | undefined;
    if (this.open >= open) freedAt = nextExpiry;
    else if (this.held >= open + kept) {
      // Every finished group held is still running: the first to end makes room.
      const due = this.due.nextInstant();
      freedAt = due === undefined ? undefined : due - retention;
    } else return undefined;
    return freedAt === undefined ? retention : Math.max(0, freedAt - now);
  }

  /** Forgets finished groups beyond `kept`, the earliest finished first, but only those final by now. */
  private evict(now: number): void {
    // An entry's instant is its final instant plus the retention: those final by now are due by
    // now plus the retention. Stale entries are skipped, so the loop ends when nothing is left.
    while (this.finished > this.rules.kept) {
      if (!this.take(now + this.rules.retention, now, 1)) return;
    }
  }

  /**
   * Takes off the due queue up to `limit` groups due by `until` and forgets those that are
   * still held and final by `finalBy`; returns whether one was forgotten.
   */
  private take(until: number, finalBy: number, limit = Number.POSITIVE_INFINITY): boolean {
    let forgot = 0;
    for (let group = this.due.popDue(until); group !== undefined; group = this.due.popDue(until)) {
      if (!this.holds(group)) continue; // forgotten already: a stale entry
      const final = this.finalAt(group);
      if (final === undefined) {
        // A fault let a decision change; it is filed again once it is final again.
        group.filed = false;
        this.finished--;
        continue;
      }
      if (final > finalBy) continue; // filed again later, under its new instant
      this.forget(group);
      if (++forgot >= limit) return true;
    }
    return forgot > 0;
  }

  private holds(group: Group): boolean {
    return isOfferSet(group)
      ? this.offerSets.get(group.uuid) === group
      : this.sessions.get(group.uuid) === group;
  }

  private forget(group: Group): void {
    if (group.filed) {
      group.filed = false;
      this.finished--;
    }
    if (isOfferSet(group)) {
      for (const session of group.sessions) this.forgetSession(session);
      this.offerSets.delete(group.uuid);
    } else {
      this.forgetSession(group);
      this.directs--;
    }
  }

  private forgetSession(session: Session): void {
    this.rules.release(session);
    this.sessions.delete(session.uuid);
  }
}
