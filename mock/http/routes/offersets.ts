// Create (POST of an ExecutionRequest) and GET of an offer set.
import { decodeRequest } from '../decode.ts';
import { brokerError, isBrokerError, type BrokerError } from '../errors.ts';
import { offerSetUrl, renderOfferSet } from '../render.ts';
import { busyError } from './busy.ts';
import type { AppContext, Exchange, Handler, Reply } from './types.ts';

/** The `malformed-200` fault answers bad bodies with a NO, as if they were an empty request. */
async function readRequest(context: AppContext, exchange: Exchange) {
  const body = await exchange.body();
  const { profile } = context.render;
  const lenient = { stringVolumes: context.faults.has('string-volumes') };
  const decoded = isBrokerError(body) ? body : decodeRequest(body, profile.name, lenient);
  if (isBrokerError(decoded) && context.faults.has('malformed-200')) {
    const empty = decodeRequest({}, profile.name);
    if (!isBrokerError(empty)) return empty;
  }
  return decoded;
}

export const createOfferSet: Handler = async (context, exchange): Promise<Reply | BrokerError> => {
  const request = await readRequest(context, exchange);
  if (isBrokerError(request)) return request;
  const busy = busyError(context);
  if (busy !== undefined) return busy;
  const { broker, faults, render } = context;
  const owner = exchange.identity;
  const offerSet = faults.has('racy-booking')
    ? await broker.createOfferSetRacily(request, context.pause, owner)
    : broker.createOfferSet(request, owner);
  if (context.createStatus === 200) return { status: 200, body: renderOfferSet(render, offerSet) };
  const absolute = offerSetUrl(render, offerSet.uuid);
  const headers: Record<string, string> = {};
  if (!faults.has('missing-location')) {
    headers.location = faults.has('relative-location') ? `/offersets/${offerSet.uuid}` : absolute;
  }
  // The body of a 303 is optional; clients follow the Location, so it is left out unless asked.
  if (context.createBody) return { status: 303, headers, body: renderOfferSet(render, offerSet) };
  return { status: 303, headers };
};

export const getOfferSet: Handler = async (context, exchange) => {
  const uuid = exchange.params.uuid ?? '';
  const offerSet = context.broker.getOfferSet(uuid);
  if (offerSet === undefined) return brokerError('unknown-offerset', { uuid });
  return { status: 200, body: renderOfferSet(context.render, offerSet) };
};
