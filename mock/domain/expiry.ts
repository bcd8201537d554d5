// OFFERED sessions in the order they expire. Every offer lives the same time and the clock never
// goes back, so appending keeps the order and no heap is needed. An offer decided before its
// expiry (accepted, rejected, a sibling of an accepted one) stays queued until its instant comes
// round; those dead entries are counted and squeezed out once they outnumber the live ones, so
// a client that rejects every offer at once cannot grow the queue past the offers still open.
import type { Session } from './sessions.ts';

/** Below this many dead entries the queue is left alone: squeezing it costs a pass over it. */
const SQUEEZE_AFTER = 1024;

export class ExpiryQueue {
  private queue: Session[] = [];
  private head = 0;
  private dead = 0;

  /** Entries still queued, dead ones included (tests use it to see the queue stay bounded). */
  get length(): number {
    return this.queue.length - this.head;
  }

  push(session: Session): void {
    this.queue.push(session);
  }

  /** Called when a queued OFFERED session is decided before its expiry. */
  decided(): void {
    this.dead++;
    if (this.dead > SQUEEZE_AFTER && this.dead * 2 > this.length) this.squeeze();
  }

  /**
   * Takes off, in order, every session whose expiry is at or before `now`, and hands over those
   * still OFFERED; decided ones are dropped.
   */
  takeExpired(now: number, expire: (session: Session) => void): void {
    const { queue } = this;
    while (this.head < queue.length) {
      const session = queue[this.head]!;
      if (session.expires > now) break;
      this.head++;
      if (session.decision === 'OFFERED') expire(session);
      else this.dead = Math.max(0, this.dead - 1);
    }
    if (this.head > SQUEEZE_AFTER && this.head * 2 > queue.length) {
      queue.splice(0, this.head);
      this.head = 0;
    }
  }

  /** The expiry instant of the first session still OFFERED, or undefined when none is. */
  nextExpiry(): number | undefined {
    for (let at = this.head; at < this.queue.length; at++) {
      const session = this.queue[at]!;
      if (session.decision === 'OFFERED') return session.expires;
    }
    return undefined;
  }

  private squeeze(): void {
    this.queue = this.queue.slice(this.head).filter((session) => session.decision === 'OFFERED');
    this.head = 0;
    this.dead = 0;
  }
}
