// The broker facade: the one object the HTTP layer talks to. It applies every rule of the
// lifecycle against its clock; what it keeps and when it forgets is Holdings' job, the order in
// which offers expire the ExpiryQueue's. Expiry is lazy but exact: every operation first expires
// whatever has reached its `expires` instant, in order, so capacity is free again for any later
// request as of that instant, then forgets what has fallen due.
import { CapacityCalendar, type Booking } from './calendar.ts';
import type { Clock } from './clock.ts';
import { ExpiryQueue } from './expiry.ts';
import { NO_FAULTS, type FaultSet } from './faults.ts';
import { Holdings, isOfferSet, type OfferSet } from './holdings.ts';
import type { DomainMessage } from './messages.ts';
import { allowedTargets, clientTransition, type SessionPhase } from './phases.ts';
import type { PlatformConfig, Resources } from './platform.ts';
import type { DomainRequest, RequestedComponent } from './request.ts';
import { finalAt, phaseAt, scheduleOf, type LifecycleTimings, type Session } from './sessions.ts';
import { planOffers, type Plan } from './planning.ts';
import type { SlotPlan } from './slots.ts';
import { flatUuid } from './uuid.ts';

export type { OfferSet } from './holdings.ts';

/** Shared by every offer set and session that has none, so a create allocates no empty lists. */
const NO_MESSAGES: readonly DomainMessage[] = Object.freeze([]);
const NO_VOLUMES: readonly RequestedComponent[] = Object.freeze([]);
const NO_SESSIONS: readonly Session[] = Object.freeze([]);

export interface BrokerOptions {
  platform: PlatformConfig;
  clock: Clock;
  faults?: FaultSet;
  newUuid?: () => string;
}

export type UpdateOutcome =
  | { ok: true; session: Session; changed: boolean }
  | { ok: false; error: 'not-found'; uuid: string }
  | { ok: false; error: 'forbidden'; session: Session }
  | { ok: false; error: 'conflict'; session: Session; from: SessionPhase; to: SessionPhase };

export type DirectOutcome =
  { ok: true; session: Session } | { ok: false; messages: DomainMessage[] };

export interface UpdateOptions {
  /** Skips the check, for the `double-accept-race` fault whose caller checked earlier. */
  force?: boolean;
  /** The identity asking; undefined without authentication. */
  by?: string;
}

/** What identifies the group a session is kept and forgotten with: its offer set, or itself. */
function groupKey(session: Session): string | Session {
  return session.offerSetUuid ?? session;
}

export class Broker {
  readonly platform: PlatformConfig;
  readonly clock: Clock;
  readonly faults: FaultSet;
  readonly calendar: CapacityCalendar;
  /** How accepted sessions move through their phases (the platform's holds, and quirks). */
  readonly timings: LifecycleTimings;
  private readonly newUuid: () => string;
  private readonly holdings: Holdings;
  private readonly expiry = new ExpiryQueue();
  private readonly byFingerprint = new Map<string, string>();

  constructor(options: BrokerOptions) {
    this.platform = options.platform;
    this.clock = options.clock;
    this.faults = options.faults ?? NO_FAULTS;
    this.newUuid = options.newUuid ?? flatUuid;
    this.timings = {
      acceptedHold: options.platform.acceptedHold,
      availableHold: options.platform.availableHold,
      earlyPreparing: this.faults.has('early-preparing'),
    };
    this.calendar = new CapacityCalendar(
      options.platform.totals,
      options.clock.now(),
      options.platform.slotGranularity,
    );
    this.holdings = new Holdings({
      retention: options.platform.retention,
      kept: options.platform.limits.finishedKept,
      open: options.platform.limits.openOfferSets,
      finalOf: (session) => this.finalOf(session),
      release: (session) => this.release(session),
    });
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
    if (!this.faults.has('no-expiry')) this.expireOffers();
    if (this.holdings.forgetDue(now) && this.byFingerprint.size > 0) this.pruneFingerprints();
  }

  private expireOffers(): void {
    // The offers of one set are queued together; their group is filed once, after the last.
    let previous: Session | undefined;
    this.expiry.takeExpired(this.now(), (session) => {
      this.decide(session, 'EXPIRED', session.expires);
      if (previous !== undefined && groupKey(previous) !== groupKey(session))
        this.fileGroupOf(previous);
      previous = session;
    });
    if (previous !== undefined) this.fileGroupOf(previous);
  }

  /** How many offer sets and sessions the broker holds (retention keeps these bounded). */
  get live(): { offerSets: number; sessions: number; bookings: number } {
    const { offerSets, sessions } = this.holdings;
    return { offerSets: offerSets.size, sessions: sessions.size, bookings: this.calendar.size };
  }

  /** Groups (offer sets, direct sessions) held, and how many of them are still undecided. */
  get load(): { held: number; open: number; queued: number } {
    return { held: this.holdings.held, open: this.holdings.open, queued: this.expiry.length };
  }

  /**
   * Broker milliseconds a client should wait before it asks again, or undefined when a create
   * can be taken now: too many offer sets are open, or too many groups held.
   */
  busyFor(): number | undefined {
    // Sweeping only frees places: under the limits before it, the broker is under them after.
    if (this.holdings.busyFor(this.now(), undefined) === undefined) return undefined;
    this.sweep();
    return this.holdings.busyFor(this.now(), this.expiry.nextExpiry());
  }

  private finalOf(session: Session): number | undefined {
    return finalAt(session, this.timings, !this.faults.has('no-progress'));
  }

  private fileGroupOf(session: Session): void {
    const group = this.holdings.groupOf(session);
    if (group !== undefined) this.holdings.file(group, this.now());
  }

  /** A forgotten session's booking lies wholly in the past; a fault that keeps bookings keeps it. */
  private release(session: Session): void {
    if (session.booking !== undefined && !this.faults.has('never-releases')) {
      this.calendar.release(session.booking);
      session.booking = undefined;
    }
  }

  /** Drops `uuid-reuse` fingerprints of forgotten offer sets (empty without that fault). */
  private pruneFingerprints(): void {
    for (const [fingerprint, uuid] of this.byFingerprint) {
      if (!this.holdings.offerSets.has(uuid)) this.byFingerprint.delete(fingerprint);
    }
  }

  createOfferSet(request: DomainRequest, owner?: string): OfferSet {
    this.sweep();
    const reused = this.reuse(request);
    if (reused !== undefined) return reused;
    const now = this.now();
    return this.record(request, now, this.plan(request, this.platform.maxOffers), owner);
  }

  /**
   * The `racy-booking` fault's create: it reads the calendar, lets other requests run, then
   * books without looking again, as a broker without a lock on its calendar would.
   */
  async createOfferSetRacily(
    request: DomainRequest,
    pause: () => Promise<void>,
    owner?: string,
  ): Promise<OfferSet> {
    this.sweep();
    const now = this.now();
    const outcome = this.plan(request, this.platform.maxOffers);
    if (!outcome.ok) return this.record(request, now, outcome, owner);
    const bookings = outcome.plans.map((plan) => this.unbook(plan));
    await pause();
    outcome.plans.forEach((plan, i) => {
      const booking = bookings[i];
      if (booking !== undefined)
        plan.booking = this.calendar.book(booking.first, booking.last, booking.amounts);
    });
    return this.record(request, now, outcome, owner);
  }

  direct(request: DomainRequest, owner?: string): DirectOutcome {
    this.sweep();
    const now = this.now();
    const outcome = this.plan(request, 1);
    if (!outcome.ok) return outcome;
    const session = this.newSession(request, outcome.plans[0]!, undefined, now, owner);
    this.holdings.addDirect(session);
    if (!this.faults.has('direct-offered')) {
      session.decision = 'ACCEPTED';
      session.decidedAt = now;
      this.expiry.decided();
      this.holdings.file(session, now);
    }
    return { ok: true, session };
  }

  getOfferSet(uuid: string): OfferSet | undefined {
    this.sweep();
    return this.holdings.offerSets.get(uuid);
  }

  getSession(uuid: string): Session | undefined {
    this.sweep();
    return this.holdings.sessions.get(uuid);
  }

  phaseOf(session: Session): SessionPhase {
    return phaseAt(session, this.now(), this.timings, !this.faults.has('no-progress'));
  }

  /** What a client may set the phase to now. */
  optionsOf(session: Session): SessionPhase[] {
    return allowedTargets(this.phaseOf(session));
  }

  /** Checks an update without applying it. */
  checkUpdate(uuid: string, to: SessionPhase, by?: string): UpdateOutcome {
    this.sweep();
    const session = this.holdings.sessions.get(uuid);
    if (session === undefined) return { ok: false, error: 'not-found', uuid };
    if (session.owner !== by && !this.faults.has('owner-ignored'))
      return { ok: false, error: 'forbidden', session };
    const from = this.phaseOf(session);
    if (this.tolerated(session.decision, to)) return { ok: true, session, changed: false };
    const transition = clientTransition(from, to);
    if (!transition.ok) return { ok: false, error: 'conflict', session, from, to };
    return { ok: true, session, changed: false };
  }

  /** Applies a client's phase update (see UpdateOptions). */
  update(uuid: string, to: SessionPhase, options: UpdateOptions = {}): UpdateOutcome {
    const checked = this.checkUpdate(uuid, to, options.by);
    if (checked.ok === false && (checked.error !== 'conflict' || options.force !== true))
      return checked;
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
    return [...this.holdings.sessions.entries()];
  }

  /** Updates the faults would let through that the rules forbid. */
  private tolerated(decision: Session['decision'], to: SessionPhase): boolean {
    if (to !== 'ACCEPTED') return false;
    if (decision === 'REJECTED' && this.faults.has('terminal-phase-changes')) return true;
    if (decision === 'EXPIRED' && this.faults.has('accept-after-expiry')) return true;
    return false;
  }

  private accept(session: Session, now: number): void {
    if (session.decision === 'OFFERED') this.expiry.decided();
    session.decision = 'ACCEPTED';
    session.decidedAt = now;
    session.modified = now;
    session.readsSinceAccept = 0;
    if (session.offerSetUuid === undefined || this.faults.has('siblings-stay-offered')) return;
    const group = this.holdings.groupOf(session);
    const siblings = group !== undefined && isOfferSet(group) ? group.sessions : NO_SESSIONS;
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
    // An offer that expires leaves the queue as it does; one decided earlier stays in it, dead.
    if (session.decision === 'OFFERED' && decision !== 'EXPIRED') this.expiry.decided();
    session.decision = decision;
    session.decidedAt = at;
    session.modified = Math.max(session.modified, at);
    if (keep || this.faults.has('never-releases')) return;
    if (session.booking !== undefined) this.calendar.release(session.booking);
    session.booking = undefined;
  }

  private plan(request: DomainRequest, maxOffers: number): Plan {
    const search = {
      calendar: this.calendar,
      platform: this.platform,
      now: this.now(),
      faults: this.faults,
    };
    return planOffers(request, search, maxOffers);
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
    return uuid === undefined ? undefined : this.holdings.offerSets.get(uuid);
  }

  private record(
    request: DomainRequest,
    now: number,
    outcome: Plan,
    owner: string | undefined,
  ): OfferSet {
    const uuid = this.newUuid();
    const sessions = outcome.ok
      ? outcome.plans.map((plan) => this.newSession(request, plan, uuid, now, owner))
      : NO_SESSIONS;
    const offerSet: OfferSet = {
      uuid,
      name: request.name,
      created: now,
      result: outcome.ok ? 'YES' : 'NO',
      offers: sessions.map((session) => session.uuid),
      sessions,
      messages: outcome.ok ? NO_MESSAGES : outcome.messages,
      owner,
      filed: false,
    };
    this.holdings.addOfferSet(offerSet);
    if (this.faults.has('uuid-reuse')) this.byFingerprint.set(request.fingerprint, uuid);
    // A NO is final as it is made.
    if (!outcome.ok) this.holdings.file(offerSet, now);
    return offerSet;
  }

  private newSession(
    request: DomainRequest,
    plan: SlotPlan,
    offerSetUuid: string | undefined,
    now: number,
    owner: string | undefined,
  ): Session {
    const session: Session = {
      uuid: this.newUuid(),
      offerSetUuid,
      owner,
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
      filed: false,
    };
    this.expiry.push(session);
    return session;
  }
}
