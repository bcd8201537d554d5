// The test-only control endpoint (only mounted with `control: true`): read and advance the
// broker clock, read the platform's declared capacity.
import { formatDuration, formatInstant, TIME } from '../../domain/iso.ts';
import type { VirtualClock } from '../../domain/clock.ts';
import { brokerError, isBrokerError } from '../errors.ts';
import type { Handler } from './types.ts';

export const getClock: Handler = async (context) => ({
  status: 200,
  body: { now: formatInstant(context.broker.now()), clock: context.broker.clock.kind },
});

export const advanceClock: Handler = async (context, exchange) => {
  const body = await exchange.body();
  if (isBrokerError(body)) return body;
  const seconds =
    typeof body === 'object' && body !== null ? (body as { seconds?: unknown }).seconds : undefined;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    return brokerError(
      'invalid-body',
      { type: 'advance request', count: 1 },
      { issues: [{ pointer: '/seconds', message: 'expected a number of seconds, zero or more' }] },
    );
  }
  const { clock } = context.broker;
  if (clock.kind !== 'virtual') return brokerError('clock-not-virtual', { clock: clock.kind });
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
