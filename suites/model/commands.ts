// Model-based commands for fast-check: create, accept, reject, cancel, read and wait, run
// against a real broker. The model is the lifecycle of the reference broker's domain (which
// client changes each phase allows); every command records into a history, and after each
// command the history checkers plus a few model-only checks (which need the broker's clock)
// look for a violation of the requirements under test.

import fc from 'fast-check';
import {
  allowedTargets,
  isCancellable,
  isSessionPhase,
  isTerminal as domainTerminal,
} from '../../mock/domain/phases.ts';
import {
  checkHistory,
  HISTORY_RULES as RULES,
  type Capacity,
  type HistoryRule as Rule,
} from '../judge/history.ts';
import type { SessionFacts } from '../history/events.ts';
import { isWon } from '../history/phases.ts';
import { instantMs } from '../history/time.ts';
import type { Observed, StatefulPort } from '../harness/stateful/port.ts';

/** Requirement ids only this model can check (they need the broker clock or the model). */
export const MODEL_REQUIREMENTS = {
  acceptOffered: '/req/lifecycle/accept-offered',
  rejectOffered: '/req/lifecycle/reject-offered',
  cancelActive: '/req/lifecycle/cancel-active',
  illegalRefused: '/req/lifecycle/illegal-update-refused',
  expiredNotAcceptable: '/req/expiry/expired-not-acceptable',
} as const;

export interface ModelOffer {
  session: string;
  offerset?: string;
  /** The last phase the broker reported. */
  phase: string;
  expires?: number;
}

export interface Model {
  offers: ModelOffer[];
}

export interface Real {
  port: StatefulPort;
  /** Requirement ids whose violations end the run; others are ignored. */
  checked: ReadonlySet<string>;
  capacity?: Capacity;
  updatePath: string;
  skewMs: number;
  request: () => unknown;
}

/** A violation found during a model run; carries what the report needs. */
export class ModelViolation extends Error {
  override name = 'ModelViolation';
  constructor(
    readonly requirement: string,
    message: string,
    readonly exchangeIds: string[],
  ) {
    super(message);
  }
}

function phaseOf(observed: Observed): string | undefined {
  return observed.facts?.phase;
}

function remember(model: Model, facts: SessionFacts | undefined): void {
  if (facts?.phase === undefined) return;
  const known = model.offers.find((offer) => offer.session === facts.session);
  if (known !== undefined) known.phase = facts.phase;
}

function violated(real: Real, requirement: string, message: string, exchangeIds: string[]): void {
  if (real.checked.has(requirement)) throw new ModelViolation(requirement, message, exchangeIds);
}

/** Runs the history checkers for the requirements under test over everything so far. */
function verifyHistory(real: Real): void {
  const rules = (Object.keys(RULES) as Rule[]).filter((rule) => real.checked.has(RULES[rule]));
  if (rules.length === 0) return;
  const report = checkHistory(real.port.recorder.events, {
    rules,
    skewMs: real.skewMs,
    updatePath: real.updatePath,
    ...(real.capacity === undefined ? {} : { capacity: real.capacity }),
  });
  const first = report.violations[0];
  if (first !== undefined) throw new ModelViolation(first.requirement, first.message, []);
}

abstract class SessionCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check(model: Readonly<Model>): boolean {
    return model.offers.length > 0;
  }
  protected target(model: Model): ModelOffer {
    return model.offers[this.pick % model.offers.length] as ModelOffer;
  }
  abstract run(model: Model, real: Real): Promise<void>;
  abstract toString(): string;
}

export class CreateCommand implements fc.AsyncCommand<Model, Real> {
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    const created = await real.port.create('model', real.request());
    for (const offer of created.offers) {
      const expires = instantMs(offer.expires);
      model.offers.push({
        session: offer.session,
        phase: offer.phase ?? 'UNKNOWN',
        ...(offer.offerset === undefined ? {} : { offerset: offer.offerset }),
        ...(expires === undefined ? {} : { expires }),
      });
    }
    verifyHistory(real);
  }
  toString(): string {
    return 'create';
  }
}

/** Accept, reject or cancel: a client phase change, judged against the model. */
export class UpdateCommand extends SessionCommand {
  constructor(
    pick: number,
    readonly to: 'ACCEPTED' | 'REJECTED' | 'CANCELLED',
  ) {
    super(pick);
  }

  /**
   * Even picks go to an offer the model says can take this change, odd picks to one that
   * cannot (when there is such an offer), so that short sequences already exercise both
   * legal and illegal changes.
   */
  protected override target(model: Model): ModelOffer {
    const legal = (offer: ModelOffer): boolean =>
      isSessionPhase(offer.phase) && allowedTargets(offer.phase).includes(this.to);
    const wanted = this.pick % 2 === 0;
    const candidates = model.offers.filter((offer) => legal(offer) === wanted);
    if (candidates.length === 0) return super.target(model);
    return candidates[Math.floor(this.pick / 2) % candidates.length] as ModelOffer;
  }

  async run(model: Model, real: Real): Promise<void> {
    const offer = this.target(model);
    const before = offer.phase;
    const at = real.port.brokerNow();
    let fresh = offer.expires === undefined || at < offer.expires - real.skewMs;
    const expired = offer.expires !== undefined && at > offer.expires + real.skewMs;
    const answer = await real.port.update('model', offer.session, this.to);
    if (fresh && offer.expires !== undefined) {
      // Someone else may have moved a shared broker clock during the update: look again.
      await real.port.syncClock();
      fresh = real.port.brokerNow() < offer.expires - real.skewMs;
    }
    const after = phaseOf(answer);
    remember(model, answer.facts);
    const ids = answer.exchangeIds;
    const ok = answer.status >= 200 && answer.status < 300;
    if (
      this.to === 'ACCEPTED' &&
      after !== undefined &&
      isWon(after) &&
      expired &&
      (before === 'OFFERED' || before === 'EXPIRED')
    ) {
      violated(
        real,
        MODEL_REQUIREMENTS.expiredNotAcceptable,
        `offer ${offer.session} was accepted (${after}) after its expiry instant`,
        ids,
      );
    }
    const allowed = isSessionPhase(before) && allowedTargets(before).includes(this.to);
    if (allowed && ok && after !== undefined) {
      this.judgeAllowed(real, offer, before, after, fresh, ids);
    }
    if (!allowed) this.judgeRefusal(real, offer, before, fresh, answer);
    if (this.to === 'ACCEPTED' && after !== undefined && isWon(after)) {
      // A second look at the session, and a look at the siblings, so the history shows
      // whether the acceptance held and whether the siblings were rejected.
      remember(model, (await real.port.read('model', offer.session)).facts);
      const siblings = model.offers.filter((o) => o.offerset === offer.offerset && o !== offer);
      for (const sibling of siblings) {
        remember(model, (await real.port.read('model', sibling.session)).facts);
      }
    }
    verifyHistory(real);
  }

  /**
   * A change the model says is not offered must be refused and change nothing. Judged only
   * from phases that cannot have moved on by themselves meanwhile (terminal ones, and
   * OFFERED while certainly fresh), so the refusal is certainly due.
   */
  private judgeRefusal(
    real: Real,
    offer: ModelOffer,
    before: string,
    fresh: boolean,
    answer: Observed,
  ): void {
    if (!isSessionPhase(before)) return;
    if (!domainTerminal(before) && !(before === 'OFFERED' && fresh)) return;
    const after = phaseOf(answer);
    const refused = answer.status === 400 || answer.status === 409;
    const unchanged = after === undefined || after === before;
    if (refused && unchanged) return;
    violated(
      real,
      MODEL_REQUIREMENTS.illegalRefused,
      `asking ${before} session ${offer.session} for ${this.to} (not offered) was answered ${answer.status}` +
        (unchanged ? '' : ` and moved it to ${after}`),
      answer.exchangeIds,
    );
  }

  private judgeAllowed(
    real: Real,
    offer: ModelOffer,
    before: string,
    after: string,
    fresh: boolean,
    ids: string[],
  ): void {
    if (this.to === 'ACCEPTED' && fresh && !isWon(after)) {
      violated(
        real,
        MODEL_REQUIREMENTS.acceptOffered,
        `accepting OFFERED offer ${offer.session} left it ${after}`,
        ids,
      );
    }
    if (this.to === 'REJECTED' && fresh && after !== 'REJECTED') {
      violated(
        real,
        MODEL_REQUIREMENTS.rejectOffered,
        `rejecting OFFERED offer ${offer.session} left it ${after}`,
        ids,
      );
    }
    if (this.to === 'CANCELLED' && isSessionPhase(after) && isCancellable(after)) {
      violated(
        real,
        MODEL_REQUIREMENTS.cancelActive,
        `cancelling ${before} session ${offer.session} left it ${after}`,
        ids,
      );
    }
  }

  toString(): string {
    const verb = { ACCEPTED: 'accept', REJECTED: 'reject', CANCELLED: 'cancel' }[this.to];
    return `${verb}(${this.pick})`;
  }
}

export class ReadCommand extends SessionCommand {
  /** Even picks favour accepted sessions, whose phases move on by themselves. */
  protected override target(model: Model): ModelOffer {
    const moving = model.offers.filter((offer) => isWon(offer.phase));
    if (this.pick % 2 === 0 && moving.length > 0) {
      return moving[Math.floor(this.pick / 2) % moving.length] as ModelOffer;
    }
    return super.target(model);
  }

  async run(model: Model, real: Real): Promise<void> {
    const offer = this.target(model);
    remember(model, (await real.port.read('model', offer.session)).facts);
    verifyHistory(real);
  }
  toString(): string {
    return `read(${this.pick})`;
  }
}

export class WaitCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly seconds: number) {}
  check(): boolean {
    return true;
  }
  async run(_model: Model, real: Real): Promise<void> {
    await real.port.pass(this.seconds * 1000);
  }
  toString(): string {
    return `wait(${this.seconds}s)`;
  }
}

export interface CommandWeights {
  /** Broker seconds a wait command may let pass (e.g. past the offer lifetime). */
  waits: number[];
}

/** The command arbitraries; picks are indices into the offers made so far. */
export function commandArbitraries(
  weights: CommandWeights,
): fc.Arbitrary<fc.AsyncCommand<Model, Real>>[] {
  const pick = fc.nat({ max: 15 });
  return [
    fc.constant(new CreateCommand()),
    pick.map((n) => new UpdateCommand(n, 'ACCEPTED')),
    pick.map((n) => new UpdateCommand(n, 'REJECTED')),
    pick.map((n) => new UpdateCommand(n, 'CANCELLED')),
    pick.map((n) => new ReadCommand(n)),
    // No waits on a real clock: broker time passes anyway, and minutes of it cannot be bought.
    ...(weights.waits.length === 0
      ? []
      : [fc.constantFrom(...weights.waits).map((seconds) => new WaitCommand(seconds))]),
  ];
}

/** Gives back whatever a run still holds, so runs do not eat each other's capacity. */
export async function releaseAll(model: Model, port: StatefulPort): Promise<void> {
  for (const offer of model.offers) {
    try {
      const now = await port.read('cleanup', offer.session);
      const phase = now.facts?.phase;
      if (phase === 'OFFERED') await port.update('cleanup', offer.session, 'REJECTED');
      else if (isSessionPhase(phase) && isCancellable(phase))
        await port.update('cleanup', offer.session, 'CANCELLED');
    } catch {
      // Best effort: a broker that cannot clean up is judged by the checks, not here.
    }
  }
}
