// The test-only control endpoint (only mounted with `control: true`): read and advance the
// broker clock, read the platform's declared capacity.
import { formatDuration, formatInstant, TIME } from '../../domain/iso.ts';
import type { VirtualClock } from '../../domain/clock.ts';
import { brokerError, isBrokerError, type BrokerError } from '../errors.ts';
import type { Handler } from './types.ts';

export const getClock: Handler = async (context) => ({
  status: 200,
  body: { now: formatInstant(context.broker.now()), clock: context.broker.clock.kind },
});

/**
 * The latest instant an advance may reach. Past year 9999 ISO 8601 needs expanded years that
 * clients rarely parse, and far enough out (year 275760) a Date cannot hold the time at all:
 * one such advance would break every later answer, so it is refused instead.
 */
const LATEST_INSTANT = Date.UTC(9999, 0, 1);

function badSeconds(message: string): BrokerError {
  return brokerError(
    'invalid-body',
    { type: 'advance request', count: 1 },
    { issues: [{ pointer: '/seconds', message }] },
  );
}

export const advanceClock: Handler = async (context, exchange) => {
  const body = await exchange.body();
  if (isBrokerError(body)) return body;
  const seconds =
    typeof body === 'object' && body !== null ? (body as { seconds?: unknown }).seconds : undefined;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0)
    return badSeconds('expected a number of seconds, zero or more');
  const { clock } = context.broker;
  if (clock.kind !== 'virtual') return brokerError('clock-not-virtual', { clock: clock.kind });
  if (clock.now() + seconds * TIME.SECOND > LATEST_INSTANT)
    return badSeconds(`would move the clock past ${formatInstant(LATEST_INSTANT)}`);
  (clock as VirtualClock).advance(seconds * TIME.SECOND);
  context.broker.sweep();
  return { status: 200, body: { now: formatInstant(clock.now()) } };
};

export const getPlatform: Handler = async (context) => {
  const { platform } = context.broker;
  return {
    status: 200,
    body: {
      totals: platform.totals,
      perSession: {
        ...platform.perSession,
        duration: formatDuration(platform.perSession.duration),
      },
      offerLifetime: formatDuration(platform.offerLifetime),
      retention: formatDuration(platform.retention),
      maxOffers: platform.maxOffers,
      slotGranularity: formatDuration(platform.slotGranularity),
    },
  };
};
