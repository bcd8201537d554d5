// GET and POST (update) of a session, and direct execution.
import type { UpdateOutcome } from '../../domain/broker.ts';
import { decodeRequest, decodeUpdate } from '../decode.ts';
import { brokerError, isBrokerError, type BrokerError } from '../errors.ts';
import { renderMessage, renderSession, sessionUrl } from '../render.ts';
import { busyError } from './busy.ts';
import type { Handler, Reply } from './types.ts';

export const getSession: Handler = async (context, exchange) => {
  const uuid = exchange.params.uuid ?? '';
  const session = context.broker.getSession(uuid);
  if (session === undefined) return brokerError('unknown-session', { uuid });
  return { status: 200, body: renderSession(context.render, session, true) };
};

export const updateSession: Handler = async (context, exchange): Promise<Reply | BrokerError> => {
  const { broker, faults, render } = context;
  const uuid = exchange.params.uuid ?? '';
  const by = exchange.identity;
  const session = broker.getSession(uuid);
  if (session === undefined) return brokerError('unknown-session', { uuid });
  // Another identity learns nothing more about the session than that it is not theirs.
  if (session.owner !== by && !faults.has('owner-ignored'))
    return brokerError('not-owner', { uuid });
  const body = await exchange.body();
  const target = isBrokerError(body) ? body : decodeUpdate(body);
  const unchanged = (): Reply => ({ status: 200, body: renderSession(render, session) });
  if (isBrokerError(target)) {
    const illegal =
      target.name !== 'malformed-body' &&
      target.name !== 'bad-encoding' &&
      target.name !== 'too-deep';
    if (illegal && faults.has('silent-illegal-update')) return unchanged();
    return target;
  }
  if (target === 'ACCEPTED' && faults.has('double-accept-race')) {
    // Checks now, commits after a pause without checking again: the race the fault is named for.
    const checked = broker.checkUpdate(uuid, target, by);
    if (!checked.ok) return refusal(checked);
    await context.pause();
    broker.update(uuid, target, { force: true, by });
    return unchanged();
  }
  const outcome = broker.update(uuid, target, { by });
  if (outcome.ok) return unchanged();
  if (outcome.error === 'conflict' && faults.has('silent-illegal-update')) return unchanged();
  return refusal(outcome);
};

function refusal(outcome: Exclude<UpdateOutcome, { ok: true }>): BrokerError {
  if (outcome.error === 'not-found') return brokerError('unknown-session', { uuid: outcome.uuid });
  if (outcome.error === 'forbidden')
    return brokerError('not-owner', { uuid: outcome.session.uuid });
  return brokerError('illegal-transition', {
    uuid: outcome.session.uuid,
    from: outcome.from,
    to: outcome.to,
  });
}

export const directSession: Handler = async (context, exchange): Promise<Reply | BrokerError> => {
  const body = await exchange.body();
  const { profile } = context.render;
  const request = isBrokerError(body)
    ? body
    : decodeRequest(body, profile.name, { stringVolumes: context.faults.has('string-volumes') });
  if (isBrokerError(request)) return request;
  const busy = busyError(context);
  if (busy !== undefined) return busy;
  const outcome = context.broker.direct(request, exchange.identity);
  if (!outcome.ok) {
    return brokerError(
      'direct-refused',
      { reasons: outcome.messages.map((message) => message.message).join(' ') },
      {
        extra: {
          messages: outcome.messages.map((message) => renderMessage(context.render, message)),
        },
      },
    );
  }
  if (context.createStatus === 200)
    return { status: 200, body: renderSession(context.render, outcome.session) };
  return { status: 303, headers: { location: sessionUrl(context.render, outcome.session.uuid) } };
};
