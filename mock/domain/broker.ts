// The broker facade: the one object the HTTP layer talks to. It owns the calendar, the offer
// sets and the sessions, and applies every rule of the lifecycle against its clock. Expiry is
// lazy but exact: every operation first expires whatever has reached its `expires` instant,
// in order, so capacity is free again for any later request as of that instant.
//
// Retention bounds memory: an offer set (with its offers) or a direct session is forgotten
// once everything in it has been final for `platform.retention` of broker time. Whenever a
// decision makes a group's final instant known, the group is filed in a due queue under that
// instant plus the retention; every operation first forgets what has fallen due, so a uuid
// reads as unknown from the exact instant, and a short retention frees memory while the
// objects are still young (cheap for the garbage collector) instead of at the next scan.
import { randomFillSync } from 'node:crypto';
import { CapacityCalendar, type Booking } from './calendar.ts';
import type { Clock } from './clock.ts';
import { NO_FAULTS, type FaultSet } from './faults.ts';
import type { DomainMessage } from './messages.ts';
import { assess, findSlots, noCapacityMessage, type SlotPlan } from './offers.ts';
import { allowedTargets, clientTransition, type SessionPhase } from './phases.ts';
import type { PlatformConfig, Resources } from './platform.ts';
import type { DomainRequest, RequestedComponent } from './request.ts';
import { finalAt, phaseAt, scheduleOf, type Session } from './sessions.ts';
import { DueQueue } from './due-queue.ts';
import { UuidTable } from './uuid-table.ts';

// Random bytes are drawn in blocks (as `randomUUID` does) and written as text into one buffer.
const UUID_BYTES = new Uint8Array(16 * 256);
let uuidOffset = UUID_BYTES.length;
const UUID_TEXT = Buffer.alloc(36);
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * A random (v4) uuid as one flat string. `randomUUID` builds its answer from a dozen small
 * pieces that stay linked in memory (about 490 bytes per uuid, kept as long as the offer);
 * text decoded from bytes in one go is a single 60-byte string, which matters at five uuids
 * per create, and writing the bytes here skips building the linked pieces at all.
 */
export function flatUuid(): string {
  if (uuidOffset === UUID_BYTES.length) {
    randomFillSync(UUID_BYTES);
    uuidOffset = 0;
  }
  let at = 0;
  for (let i = 0; i < 16; i++) {
    let byte = UUID_BYTES[uuidOffset + i]!;
    if (i === 6)
      byte = (byte & 0x0f) | 0x40; // version 4
    else if (i === 8) byte = (byte & 0x3f) | 0x80; // RFC 4122 variant
    if (i === 4 || i === 6 || i === 8 || i === 10) UUID_TEXT[at++] = 0x2d;
    UUID_TEXT[at++] = HEX[byte >> 4]!;
    UUID_TEXT[at++] = HEX[byte & 0x0f]!;
  }
  uuidOffset += 16;
  return UUID_TEXT.toString('latin1', 0, 36);
}

/** Shared by every offer set and session that has none, so a create allocates no empty lists. */
const NO_MESSAGES: readonly DomainMessage[] = Object.freeze([]);
const NO_VOLUMES: readonly RequestedComponent[] = Object.freeze([]);
const NO_SESSIONS: readonly Session[] = Object.freeze([]);

export interface OfferSet {
  readonly uuid: string;
  readonly name: string | undefined;
  readonly created: number;
  readonly result: 'YES' | 'NO';
  readonly offers: readonly string[];
  /** The offers themselves, in the order of `offers`; they are kept and forgotten together. */
  readonly sessions: readonly Session[];
  readonly messages: readonly DomainMessage[];
}

export interface BrokerOptions {
  platform: PlatformConfig;
  clock: Clock;
  faults?: FaultSet;
  newUuid?: () => string;
}

export type UpdateOutcome =
  | { ok: true; session: Session; changed: boolean }
  | { ok: false; error: 'not-found'; uuid: string }
  | { ok: false; error: 'conflict'; session: Session; from: SessionPhase; to: SessionPhase };

export type DirectOutcome =
  { ok: true; session: Session } | { ok: false; messages: DomainMessage[] };

/** What identifies the group a session is kept and forgotten with: its offer set, or itself. */
function groupOf(session: Session): string | Session {
  return session.offerSetUuid ?? session;
}

function isOfferSet(group: OfferSet | Session): group is OfferSet {
  return 'offers' in group;
}

export class Broker {
  readonly platform: PlatformConfig;
  readonly clock: Clock;
  readonly faults: FaultSet;
  readonly calendar: CapacityCalendar;
  private readonly newUuid: () => string;
  private readonly offerSets = new UuidTable<OfferSet>();
  private readonly sessions = new UuidTable<Session>();
  /** OFFERED sessions in order of `expires` (lifetime is fixed and the clock monotonic). */
  private readonly expiryQueue: Session[] = [];
  private expiryHead = 0;
  private readonly byFingerprint = new Map<string, string>();
  /** Finished groups by the instant their retention runs out (entries may be stale: see forgetDue). */
  private readonly due = new DueQueue<OfferSet | Session>();

  constructor(options: BrokerOptions) {
    this.platform = options.platform;
    this.clock = options.clock;
    this.faults = options.faults ?? NO_FAULTS;
    this.newUuid = options.newUuid ?? flatUuid;
    this.calendar = new CapacityCalendar(
      options.platform.totals,
      options.clock.now(),
      options.platform.slotGranularity,
    );
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Expires every OFFERED session whose instant has come, releasing its capacity, then forgets
   * every group whose retention has run out.
   */
  sweep(): void {
    const now = this.now();
    if (!this.faults.has('no-expiry')) this.expireOffers(now);
    this.forgetDue(now);
  }

  private expireOffers(now: number): void {
    // The offers of one set are queued together; their group is filed once, after the last.
    let previous: Session | undefined;
    while (this.expiryHead < this.expiryQueue.length) {
      const session = this.expiryQueue[this.expiryHead]!;
      if (session.expires > now) break;
      this.expiryHead++;
      if (session.decision !== 'OFFERED') continue;
      this.decide(session, 'EXPIRED', session.expires);
      if (previous !== undefined && groupOf(previous) !== groupOf(session))
        this.fileGroupOf(previous);
      previous = session;
    }
    if (previous !== undefined) this.fileGroupOf(previous);
    if (this.expiryHead > 1024 && this.expiryHead * 2 > this.expiryQueue.length) {
      this.expiryQueue.splice(0, this.expiryHead);
      this.expiryHead = 0;
    }
  }

  /** How many offer sets and sessions the broker holds (retention keeps these bounded). */
  get live(): { offerSets: number; sessions: number; bookings: number } {
    return {
      offerSets: this.offerSets.size,
      sessions: this.sessions.size,
      bookings: this.calendar.size,
    };
  }

  /**
   * Files the group a session belongs to in the due queue if its final instant is known now.
   * Called after every decision; a group filed twice (a cancel after an acceptance) or no longer
   * due when its entry comes up (a fault let a decision change) is checked again then.
   */
  private fileGroupOf(session: Session): void {
    const group =
      session.offerSetUuid === undefined ? session : this.offerSets.get(session.offerSetUuid);
    if (group !== undefined) this.fileGroup(group);
  }

  private fileGroup(group: OfferSet | Session): void {
    const final = isOfferSet(group) ? this.offerSetFinalAt(group) : this.finalOf(group);
    if (final !== undefined) this.due.push(final + this.platform.retention, group);
  }

  /** Forgets every filed group whose retention has run out by `now`. */
  private forgetDue(now: number): void {
    let forgotSets = false;
    for (let group = this.due.popDue(now); group !== undefined; group = this.due.popDue(now)) {
      if (isOfferSet(group)) {
        if (this.offerSets.get(group.uuid) !== group) continue; // already forgotten
        if (!this.isDue(this.offerSetFinalAt(group), now)) continue;
        this.forgetOfferSet(group);
        forgotSets = true;
      } else if (this.sessions.get(group.uuid) === group && this.isDue(this.finalOf(group), now)) {
        this.forgetSession(group);
      }
    }
    if (forgotSets) this.pruneFingerprints();
  }

  private isDue(final: number | undefined, now: number): boolean {
    return final !== undefined && final + this.platform.retention <= now;
  }

  private finalOf(session: Session): number | undefined {
    return finalAt(session, this.platform, !this.faults.has('no-progress'));
  }

  /** When the last of its offers became final (its creation, for a NO), or undefined. */
  private offerSetFinalAt(offerSet: OfferSet): number | undefined {
    let latest = offerSet.created;
    for (const session of offerSet.sessions) {
      const final = this.finalOf(session);
      if (final === undefined) return undefined;
      latest = Math.max(latest, final);
    }
    return latest;
  }

  private forgetOfferSet(offerSet: OfferSet): void {
    for (const session of offerSet.sessions) this.forgetSession(session);
    this.offerSets.delete(offerSet.uuid);
  }

  /** Drops `uuid-reuse` fingerprints of forgotten offer sets (empty without that fault). */
  private pruneFingerprints(): void {
    for (const [fingerprint, uuid] of this.byFingerprint) {
      if (!this.offerSets.has(uuid)) this.byFingerprint.delete(fingerprint);
    }
  }

  private forgetSession(session: Session): void {
    // A finished session's booking lies wholly in the past; a fault that keeps bookings keeps it.
    if (session.booking !== undefined && !this.faults.has('never-releases')) {
      this.calendar.release(session.booking);
      session.booking = undefined;
    }
    this.sessions.delete(session.uuid);
  }

  createOfferSet(request: DomainRequest): OfferSet {
    this.sweep();
    const reused = this.reuse(request);
    if (reused !== undefined) return reused;
    const now = this.now();
    const outcome = this.plan(request, this.platform.maxOffers);
    return this.record(request, now, outcome);
  }

  /**
   * The `racy-booking` fault's create: it reads the calendar, lets other requests run, then
   * books without looking again, as a broker without a lock on its calendar would.
   */
  async createOfferSetRacily(
    request: DomainRequest,
    pause: () => Promise<void>,
  ): Promise<OfferSet> {
    this.sweep();
    const now = this.now();
    const outcome = this.plan(request, this.platform.maxOffers);
    if (!outcome.ok) return this.record(request, now, outcome);
    const bookings = outcome.plans.map((plan) => this.unbook(plan));
    await pause();
    outcome.plans.forEach((plan, i) => {
      const booking = bookings[i];
      if (booking !== undefined)
        plan.booking = this.calendar.book(booking.first, booking.last, booking.amounts);
    });
    return this.record(request, now, outcome);
  }

  direct(request: DomainRequest): DirectOutcome {
    this.sweep();
    const now = this.now();
    const outcome = this.plan(request, 1);
    if (!outcome.ok) return outcome;
    const plan = outcome.plans[0]!;
    const session = this.newSession(request, plan, undefined, now);
    if (!this.faults.has('direct-offered')) {
      session.decision = 'ACCEPTED';
      session.decidedAt = now;
      this.fileGroup(session);
    }
    return { ok: true, session };
  }

  getOfferSet(uuid: string): OfferSet | undefined {
    this.sweep();
    return this.offerSets.get(uuid);
  }

  getSession(uuid: string): Session | undefined {
    this.sweep();
    return this.sessions.get(uuid);
  }

  phaseOf(session: Session): SessionPhase {
    return phaseAt(session, this.now(), this.platform, !this.faults.has('no-progress'));
  }

  /** What a client may set the phase to now. */
  optionsOf(session: Session): SessionPhase[] {
    return allowedTargets(this.phaseOf(session));
  }

  /** Checks an update without applying it. */
  checkUpdate(uuid: string, to: SessionPhase): UpdateOutcome {
    this.sweep();
    const session = this.sessions.get(uuid);
    if (session === undefined) return { ok: false, error: 'not-found', uuid };
    const from = this.phaseOf(session);
    if (this.tolerated(session.decision, to)) return { ok: true, session, changed: false };
    const transition = clientTransition(from, to);
    if (!transition.ok) return { ok: false, error: 'conflict', session, from, to };
    return { ok: true, session, changed: false };
  }

  /**
   * Applies a client's phase update. `force` skips the check, for the `double-accept-race`
   * fault whose caller checked earlier and paused in between.
   */
  update(uuid: string, to: SessionPhase, force = false): UpdateOutcome {
    const checked = this.checkUpdate(uuid, to);
    if (checked.ok === false && (checked.error === 'not-found' || !force)) return checked;
    const { session } = checked;
    const now = this.now();
    const ignored =
      (to === 'ACCEPTED' && this.faults.has('accept-ignored')) ||
      (to === 'REJECTED' && this.faults.has('reject-ignored')) ||
      (to === 'CANCELLED' && this.faults.has('cancel-ignored'));
    if (ignored) return { ok: true, session, changed: false };
    // The `no-reoffer` fault keeps the capacity of a client-rejected offer booked.
    if (to === 'ACCEPTED') this.accept(session, now);
    else if (to === 'REJECTED')
      this.decide(session, 'REJECTED', now, this.faults.has('no-reoffer'));
    else if (to === 'CANCELLED') this.decide(session, 'CANCELLED', now);
    this.fileGroupOf(session);
    return { ok: true, session, changed: true };
  }

  /** Total use of each resource held in the calendar over [from, to). */
  heldBetween(from: number, to: number): Resources {
    return this.calendar.peak(this.calendar.bucketAt(from), this.calendar.bucketFrom(to));
  }

  /** Every known session (tests and the model use it to check invariants). */
  allSessions(): Session[] {
    this.sweep();
    return [...this.sessions.entries()];
  }

  /** Updates the faults would let through that the rules forbid. */
  private tolerated(decision: Session['decision'], to: SessionPhase): boolean {
    if (to !== 'ACCEPTED') return false;
    if (decision === 'REJECTED' && this.faults.has('terminal-phase-changes')) return true;
    if (decision === 'EXPIRED' && this.faults.has('accept-after-expiry')) return true;
    return false;
  }

  private accept(session: Session, now: number): void {
    session.decision = 'ACCEPTED';
    session.decidedAt = now;
    session.modified = now;
    session.readsSinceAccept = 0;
    if (session.offerSetUuid === undefined || this.faults.has('siblings-stay-offered')) return;
    const siblings = this.offerSets.get(session.offerSetUuid)?.sessions ?? NO_SESSIONS;
    for (const sibling of siblings) {
      if (sibling !== session && sibling.decision === 'OFFERED') {
        this.decide(sibling, 'REJECTED', now);
      }
    }
  }

  private decide(
    session: Session,
    decision: 'REJECTED' | 'EXPIRED' | 'CANCELLED',
    at: number,
    keep = false,
  ): void {
    session.decision = decision;
    session.decidedAt = at;
    session.modified = Math.max(session.modified, at);
    if (keep || this.faults.has('never-releases')) return;
    if (session.booking !== undefined) this.calendar.release(session.booking);
    session.booking = undefined;
  }

  private plan(
    request: DomainRequest,
    maxOffers: number,
  ): { ok: true; plans: SlotPlan[] } | { ok: false; messages: DomainMessage[] } {
    const now = this.now();
    const assessment = assess(request, { platform: this.platform, now, faults: this.faults });
    if (!assessment.ok) return assessment;
    const plans = findSlots(
      assessment.needs,
      { calendar: this.calendar, platform: this.platform, now, faults: this.faults },
      maxOffers,
    );
    if (plans.length === 0)
      return { ok: false, messages: [noCapacityMessage(assessment.needs, now)] };
    return { ok: true, plans };
  }

  /** Gives back a plan's booking, returning it so that it can be booked again as it was. */
  private unbook(plan: SlotPlan): Booking | undefined {
    const { booking } = plan;
    if (booking === undefined) return undefined;
    this.calendar.release(booking);
    plan.booking = undefined;
    return booking;
  }

  private reuse(request: DomainRequest): OfferSet | undefined {
    if (!this.faults.has('uuid-reuse')) return undefined;
    const uuid = this.byFingerprint.get(request.fingerprint);
    return uuid === undefined ? undefined : this.getOfferSet(uuid);
  }

  private record(
    request: DomainRequest,
    now: number,
    outcome: { ok: true; plans: SlotPlan[] } | { ok: false; messages: DomainMessage[] },
  ): OfferSet {
    const uuid = this.newUuid();
    const sessions = outcome.ok
      ? outcome.plans.map((plan) => this.newSession(request, plan, uuid, now))
      : NO_SESSIONS;
    const offers = sessions.map((session) => session.uuid);
    const offerSet: OfferSet = {
      uuid,
      name: request.name,
      created: now,
      result: outcome.ok ? 'YES' : 'NO',
      offers,
      sessions,
      messages: outcome.ok ? NO_MESSAGES : outcome.messages,
    };
    this.offerSets.set(offerSet);
    if (this.faults.has('uuid-reuse')) this.byFingerprint.set(request.fingerprint, uuid);
    // A NO is final as it is made.
    if (!outcome.ok) this.fileGroup(offerSet);
    return offerSet;
  }

  private newSession(
    request: DomainRequest,
    plan: SlotPlan,
    offerSetUuid: string | undefined,
    now: number,
  ): Session {
    const session: Session = {
      uuid: this.newUuid(),
      offerSetUuid,
      created: now,
      modified: now,
      expires: now + this.platform.offerLifetime,
      decision: 'OFFERED',
      decidedAt: undefined,
      executable: request.executable,
      compute: request.compute,
      volumes: request.compute?.volumes ?? NO_VOLUMES,
      storage: request.storage,
      data: request.data,
      allocation: plan.allocation,
      schedule: scheduleOf(plan),
      booking: plan.booking,
      messages: NO_MESSAGES,
      readsSinceAccept: 0,
    };
    this.sessions.set(session);
    this.expiryQueue.push(session);
    return session;
  }
}
