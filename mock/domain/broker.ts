// The broker facade: the one object the HTTP layer talks to. It owns the calendar, the offer
// sets and the sessions, and applies every rule of the lifecycle against its clock. Expiry is
// lazy but exact: every operation first expires whatever has reached its `expires` instant,
// in order, so capacity is free again for any later request as of that instant.
//
// Retention bounds memory: an offer set (with its offers) or a direct session is forgotten
// once everything in it has been final for `platform.retention` of broker time. A full scan
// runs at most every eighth of the retention (and at least a second apart); a lookup checks
// its own group first, so a uuid reads as unknown from the exact instant it is due.
import { randomFillSync } from 'node:crypto';
import { CapacityCalendar } from './calendar.ts';
import type { Clock } from './clock.ts';
import { NO_FAULTS, type FaultSet } from './faults.ts';
import type { DomainMessage } from './messages.ts';
import { assess, findSlots, noCapacityMessage, type SlotPlan } from './offers.ts';
import { allowedTargets, clientTransition, type SessionPhase } from './phases.ts';
import type { PlatformConfig, Resources } from './platform.ts';
import type { DomainRequest, RequestedComponent } from './request.ts';
import { finalAt, phaseAt, scheduleOf, type Session } from './sessions.ts';
import { TIME } from './iso.ts';

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

export interface OfferSet {
  readonly uuid: string;
  readonly name: string | undefined;
  readonly created: number;
  readonly result: 'YES' | 'NO';
  readonly offers: readonly string[];
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

export class Broker {
  readonly platform: PlatformConfig;
  readonly clock: Clock;
  readonly faults: FaultSet;
  readonly calendar: CapacityCalendar;
  private readonly newUuid: () => string;
  private readonly offerSets = new Map<string, OfferSet>();
  private readonly sessions = new Map<string, Session>();
  /** OFFERED sessions in order of `expires` (lifetime is fixed and the clock monotonic). */
  private readonly expiryQueue: Session[] = [];
  private expiryHead = 0;
  private readonly byFingerprint = new Map<string, string>();
  /** Broker time of the next retention scan. */
  private nextPurge: number;

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
    this.nextPurge = options.clock.now() + this.purgeInterval();
  }

  now(): number {
    return this.clock.now();
  }

  /** Expires every OFFERED session whose instant has come, releasing its capacity. */
  sweep(): void {
    if (this.faults.has('no-expiry')) return;
    const now = this.now();
    while (this.expiryHead < this.expiryQueue.length) {
      const session = this.expiryQueue[this.expiryHead]!;
      if (session.expires > now) break;
      this.expiryHead++;
      if (session.decision === 'OFFERED') this.decide(session, 'EXPIRED', session.expires);
    }
    if (this.expiryHead > 1024 && this.expiryHead * 2 > this.expiryQueue.length) {
      this.expiryQueue.splice(0, this.expiryHead);
      this.expiryHead = 0;
    }
    if (now >= this.nextPurge) this.purge(now);
  }

  /** How many offer sets and sessions the broker holds (retention keeps these bounded). */
  get live(): { offerSets: number; sessions: number; bookings: number } {
    return {
      offerSets: this.offerSets.size,
      sessions: this.sessions.size,
      bookings: this.calendar.size,
    };
  }

  private purgeInterval(): number {
    return Math.max(TIME.SECOND, this.platform.retention / 8);
  }

  /** Forgets every group whose retention has run out. */
  private purge(now: number): void {
    this.nextPurge = now + this.purgeInterval();
    for (const offerSet of this.offerSets.values()) {
      if (this.isDue(this.offerSetFinalAt(offerSet), now)) this.forgetOfferSet(offerSet);
    }
    for (const session of this.sessions.values()) {
      if (session.offerSetUuid === undefined && this.isDue(this.finalOf(session), now))
        this.forgetSession(session);
    }
    this.pruneFingerprints();
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
    for (const uuid of offerSet.offers) {
      const session = this.sessions.get(uuid);
      if (session === undefined) continue;
      const final = this.finalOf(session);
      if (final === undefined) return undefined;
      latest = Math.max(latest, final);
    }
    return latest;
  }

  private forgetOfferSet(offerSet: OfferSet): void {
    for (const uuid of offerSet.offers) {
      const session = this.sessions.get(uuid);
      if (session !== undefined) this.forgetSession(session);
    }
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
    if (session.bookingId !== undefined && !this.faults.has('never-releases')) {
      this.calendar.release(session.bookingId);
      session.bookingId = undefined;
    }
    this.sessions.delete(session.uuid);
  }

  /** Forgets the group of a looked-up offer set or session if it is due, for an exact 404. */
  private expireGroup(offerSetUuid: string | undefined, session?: Session): void {
    const now = this.now();
    if (offerSetUuid !== undefined) {
      const offerSet = this.offerSets.get(offerSetUuid);
      if (offerSet !== undefined && this.isDue(this.offerSetFinalAt(offerSet), now)) {
        this.forgetOfferSet(offerSet);
        this.pruneFingerprints();
      }
    } else if (session !== undefined && this.isDue(this.finalOf(session), now)) {
      this.forgetSession(session);
    }
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
        plan.bookingId = this.calendar.book(booking.first, booking.last, booking.amounts).id;
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
    }
    return { ok: true, session };
  }

  getOfferSet(uuid: string): OfferSet | undefined {
    this.sweep();
    this.expireGroup(uuid);
    return this.offerSets.get(uuid);
  }

  getSession(uuid: string): Session | undefined {
    this.sweep();
    return this.lookUpSession(uuid);
  }

  private lookUpSession(uuid: string): Session | undefined {
    const session = this.sessions.get(uuid);
    if (session === undefined) return undefined;
    this.expireGroup(session.offerSetUuid, session);
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
    const session = this.lookUpSession(uuid);
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
    return { ok: true, session, changed: true };
  }

  /** Total use of each resource held in the calendar over [from, to). */
  heldBetween(from: number, to: number): Resources {
    return this.calendar.peak(this.calendar.bucketAt(from), this.calendar.bucketFrom(to));
  }

  /** Every known session (tests and the model use it to check invariants). */
  allSessions(): Session[] {
    this.sweep();
    return [...this.sessions.values()];
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
    const siblings = this.offerSets.get(session.offerSetUuid)?.offers ?? [];
    for (const uuid of siblings) {
      const sibling = this.sessions.get(uuid);
      if (sibling !== undefined && sibling !== session && sibling.decision === 'OFFERED') {
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
    if (session.bookingId !== undefined) this.calendar.release(session.bookingId);
    session.bookingId = undefined;
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

  private unbook(plan: SlotPlan): { first: number; last: number; amounts: Resources } | undefined {
    if (plan.bookingId === undefined) return undefined;
    const first = this.calendar.bucketAt(plan.availableStart - plan.preparation);
    const last = this.calendar.bucketFrom(plan.availableStart + plan.duration + plan.release);
    const amounts = {
      cores: plan.allocation.cores,
      memory: plan.allocation.memory,
      storage: plan.allocation.storage.reduce((sum, size) => sum + size, 0),
    };
    this.calendar.release(plan.bookingId);
    plan.bookingId = undefined;
    return { first, last, amounts };
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
    const offers = outcome.ok
      ? outcome.plans.map((plan) => this.newSession(request, plan, uuid, now).uuid)
      : [];
    const offerSet: OfferSet = {
      uuid,
      name: request.name,
      created: now,
      result: outcome.ok ? 'YES' : 'NO',
      offers,
      messages: outcome.ok ? NO_MESSAGES : outcome.messages,
    };
    this.offerSets.set(uuid, offerSet);
    if (this.faults.has('uuid-reuse')) this.byFingerprint.set(request.fingerprint, uuid);
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
      bookingId: plan.bookingId,
      messages: NO_MESSAGES,
      readsSinceAccept: 0,
    };
    this.sessions.set(session.uuid, session);
    this.expiryQueue.push(session);
    return session;
  }
}
