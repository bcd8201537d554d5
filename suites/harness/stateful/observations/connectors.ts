// A Docker session followed with an eye on its log connectors (connectors forward-only and
// location-answers): accepted at the start of the run, read until it ends, every connector
// status noted, and each connector location fetched once the session runs. The wait is a
// SHOULD's: as long as the MUST checks wait anyway, unless --fail-on should (waiting.ts).

import type { HistoryEvent } from '../../../history/events.ts';
import { isTerminal, isWon } from '../../../history/phases.ts';
import { durationMs, instantMs, pick } from '../../../history/time.ts';
import { connectorsOf, type Connector } from '../../connectors.ts';
import type { Stage } from '../scenario.ts';
import { followBudget } from '../waiting.ts';
import { noOffersReason } from './common.ts';

export interface ConnectorSighting {
  phase?: string;
  at: number;
  connectors: Connector[];
  exchangeIds: string[];
}

/** One GET of a connector's location, while its session ran. */
export interface LocationRead {
  stream: string;
  location: string;
  status: number;
  contentType?: string;
  error?: string;
  /** The sighting in which the location was given. */
  sighting: number;
  exchangeId: string;
}

export interface ConnectorsObservation {
  unchecked?: string;
  session?: string;
  sightings: ConnectorSighting[];
  reads: LocationRead[];
  history: HistoryEvent[];
}

const RUNS = new Set(['AVAILABLE', 'RUNNING']);
/** How long after its schedule a followed session may take to read terminal. */
const SETTLE_MS = { control: 30 * 60_000, real: 60_000 };

export async function observeConnectors(stage: Stage): Promise<ConnectorsObservation> {
  const { broker, context } = stage;
  const result: ConnectorsObservation = {
    sightings: [],
    reads: [],
    history: broker.recorder.events,
  };
  // The judging files end NOT_APPLICABLE themselves; no session is spent on an absent feature.
  if (context.declaration.connectors !== true)
    return { ...result, unchecked: 'the declaration does not say the broker has connectors' };
  const created = await broker.create('connectors', stage.request({ duration: 'PT1M' }));
  const offer = created.offers[0];
  if (offer === undefined) return { ...result, unchecked: noOffersReason(created) };
  result.session = offer.session;
  const accepted = await broker.update('connectors', offer.session, 'ACCEPTED');
  if (!isWon(accepted.facts?.phase ?? ''))
    return { ...result, unchecked: `the accept did not take, so there is no session to follow` };
  const first = await broker.client.getSession(offer.session);
  const start = instantMs(pick(first.body, 'schedule', 'releasing', 'start'));
  const release = durationMs(pick(first.body, 'schedule', 'releasing', 'duration')) ?? 0;
  const slotEnd = instantMs(offer.slot?.end);
  const ends = Math.max(slotEnd ?? 0, start === undefined ? 0 : start + release);
  if (ends === 0)
    return {
      ...result,
      unchecked: 'the offer carries no readable schedule, so its end is unknown',
    };
  const deadline = ends + (context.control ? SETTLE_MS.control : SETTLE_MS.real);
  const budget = followBudget(
    broker,
    context,
    deadline,
    instantMs(offer.expires),
    'the session to end',
  );
  if (budget !== undefined) return { ...result, unchecked: budget };
  const fetched = new Set<string>();
  for (;;) {
    const reply = await broker.client.getSession(offer.session);
    const phase = pick(reply.body, 'phase');
    const sighting: ConnectorSighting = {
      at: broker.brokerNow(),
      connectors: connectorsOf(reply.body, context.profile),
      exchangeIds: [reply.exchange.id],
    };
    if (typeof phase === 'string') sighting.phase = phase;
    result.sightings.push(sighting);
    if (RUNS.has(sighting.phase ?? ''))
      for (const connector of sighting.connectors) {
        const key = connector.stream ?? String(connector.index);
        if (fetched.has(key) || typeof connector.location !== 'string') continue;
        fetched.add(key);
        const read = await broker.client.raw('GET', connector.location, {
          headers: { accept: 'text/plain, */*' },
        });
        result.reads.push({
          stream: key,
          location: connector.location,
          status: read.status,
          ...(read.contentType === undefined ? {} : { contentType: read.contentType }),
          ...(read.error === undefined ? {} : { error: read.error }),
          sighting: result.sightings.length - 1,
          exchangeId: read.exchange.id,
        });
      }
    if (isTerminal(sighting.phase ?? '') || reply.status !== 200) break;
    if (broker.brokerNow() >= deadline) break;
    if (context.control) await broker.pass(20_000);
    else await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return result;
}
