// The broker's sense of time. Everything the broker does (expiry, lifecycle, timestamps) reads
// this clock and nothing else, so a scaled or virtual clock changes the whole broker at once.

export interface Clock {
  /** Broker time, epoch milliseconds. Never goes backwards. */
  now(): number;
  readonly kind: 'real' | 'scaled' | 'virtual';
}

export interface VirtualClock extends Clock {
  readonly kind: 'virtual';
  /** Moves broker time forward; negative or non-finite amounts are refused. */
  advance(ms: number): number;
}

export function realClock(source: () => number = Date.now): Clock {
  return { kind: 'real', now: source };
}

/**
 * Runs `scale` times faster than `source`, starting from the source's present, so the first
 * reading agrees with wall time and later ones drift ahead in proportion.
 */
export function scaledClock(scale: number, source: () => number = Date.now): Clock {
  if (!Number.isFinite(scale) || scale <= 0)
    throw new Error(`time scale must be > 0, got ${scale}`);
  if (scale === 1) return realClock(source);
  const origin = source();
  return { kind: 'scaled', now: () => origin + (source() - origin) * scale };
}

export function virtualClock(start: number = Date.now()): VirtualClock {
  let current = start;
  return {
    kind: 'virtual',
    now: () => current,
    advance(ms: number): number {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`cannot advance the clock by ${ms} ms`);
      current += ms;
      return current;
    },
  };
}
