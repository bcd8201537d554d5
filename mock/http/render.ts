// Domain objects to wire documents, per profile. The render faults live here because each of
// them changes only what the client is told, never what the broker believes.
import { randomUUID } from 'node:crypto';
import type { Broker, OfferSet } from '../domain/broker.ts';
import { connectorStatus, hasConnectors, logReadable, LOG_STREAMS } from '../domain/connectors.ts';
import type { FaultSet } from '../domain/faults.ts';
import { formatDuration, formatInstant, formatSlot, TIME } from '../domain/iso.ts';
import type { DomainMessage } from '../domain/messages.ts';
import type { SessionPhase } from '../domain/phases.ts';
import { UNKNOWN_KIND_PREFIX, type Plain, type RequestedComponent } from '../domain/request.ts';
import type { Session } from '../domain/sessions.ts';
import type { KindName, WireProfile } from './profiles.ts';

export interface RenderContext {
  broker: Broker;
  profile: WireProfile;
  baseUrl: string;
  faults: FaultSet;
}

/** A kind URI no profile maps, for the faults that must produce one. */
const UNMAPPED_KIND = 'https://eb-conform.invalid/kinds/unmapped';

export function sessionUrl(context: RenderContext, uuid: string): string {
  return `${context.baseUrl}/sessions/${uuid}`;
}

export function offerSetUrl(context: RenderContext, uuid: string): string {
  return `${context.baseUrl}/offersets/${uuid}`;
}

function instant(context: RenderContext, ms: number): string {
  return context.faults.has('bad-datetime') ? String(Math.round(ms)) : formatInstant(ms);
}

export function renderMessage(context: RenderContext, message: DomainMessage): Plain {
  return {
    kind: message.kind ?? `urn:eb-conform:message:${message.name}`,
    time: formatInstant(message.time),
    level: context.faults.has('bad-message') ? 'SEVERE' : message.level,
    template: message.template,
    values: message.values,
    message: message.message,
  };
}

function kindUri(context: RenderContext, kind: string | undefined): string | undefined {
  if (kind === undefined) return undefined;
  if (kind.startsWith(UNKNOWN_KIND_PREFIX)) return kind.slice(UNKNOWN_KIND_PREFIX.length);
  return context.profile.kindUri(kind as KindName);
}

/** A requested component echoed back, with its kind spoken in the response's profile. */
function echo(
  context: RenderContext,
  component: RequestedComponent,
  extra: Plain = {},
  kindOverride?: string,
): Plain {
  const { kind: _kind, ...fields } = component.fields;
  const kind = kindOverride ?? kindUri(context, component.kind);
  return { ...(kind === undefined ? {} : { kind }), ...fields, ...extra };
}

function optionsFor(context: RenderContext, phase: SessionPhase, targets: SessionPhase[]): Plain[] {
  const { faults } = context;
  let values: string[] = targets;
  if (phase !== 'OFFERED' && targets.includes('CANCELLED') && faults.has('stale-options')) {
    values = ['ACCEPTED', 'REJECTED', ...targets];
  }
  // As the Java broker: no options in any phase.
  if (faults.has('no-options')) values = [];
  if (values.length === 0) return [];
  const option: Plain = { kind: 'uri:enum-value-option', path: 'phase', values };
  if (faults.has('bad-option')) delete option.path;
  return [option];
}

/** The phase a client is told, after the faults that misreport it. */
function reportedPhase(
  context: RenderContext,
  session: Session,
  phase: SessionPhase,
  counting: boolean,
): SessionPhase {
  const { faults } = context;
  if (phase === 'OFFERED' && faults.has('offers-not-offered')) return 'INITIAL';
  if (faults.has('phase-regression') && session.decision === 'ACCEPTED') {
    if (counting) session.readsSinceAccept++;
    if (session.readsSinceAccept === 2) return 'OFFERED';
  }
  return phase;
}

function schedule(context: RenderContext, session: Session): Plain {
  const { schedule: plan } = session;
  const available: Plain = {
    start: context.faults.has('multi-slot-offer')
      ? [formatSlot(plan.availableStart), formatSlot(plan.availableStart + TIME.HOUR)]
      : formatSlot(plan.availableStart),
    duration: formatDuration(plan.duration),
  };
  return {
    preparing: {
      start: instant(context, plan.preparingStart),
      duration: formatDuration(plan.preparation),
    },
    available,
    releasing: {
      start: instant(context, plan.releasingStart),
      duration: formatDuration(plan.release),
    },
  };
}

/** An unset clock's reading, for the `epoch-instants` fault. */
const EPOCH = '1970-01-01T00:00:00Z';

/** `counting` is true for a GET of the session itself (the `phase-regression` fault counts reads). */
export function renderSession(context: RenderContext, session: Session, counting = false): Plain {
  const { broker, faults, profile } = context;
  const phase = broker.phaseOf(session);
  const { allocation } = session;
  const urlUuid =
    faults.has('bad-offer-url') && session.offerSetUuid !== undefined ? randomUUID() : session.uuid;
  const direct = session.offerSetUuid === undefined;
  const body: Plain = {
    kind: profile.kindUri('scheduled-execution-session'),
    meta: {
      uuid: session.uuid,
      url: sessionUrl(context, urlUuid),
      created: formatInstant(session.created),
      modified: formatInstant(session.modified),
      messages: session.messages.map((message) => renderMessage(context, message)),
      options: optionsFor(context, phase, broker.optionsOf(session)),
    },
    phase: reportedPhase(context, session, phase, counting),
    expires: instant(
      context,
      faults.has('expires-in-past') ? session.created - TIME.MINUTE : session.expires,
    ),
  };
  if (faults.has('schema-drift')) delete body.kind;
  if (session.executable !== undefined && !faults.has('executable-dropped')) {
    body.executable = echo(
      context,
      session.executable,
      {},
      direct && faults.has('direct-drift') ? UNMAPPED_KIND : undefined,
    );
    if (faults.has('labels-dropped')) delete (body.executable as Plain).labels;
  }
  const compute = session.compute;
  const computeBody: Plain = {
    ...(compute === undefined
      ? { kind: profile.kindUri('simple-compute-resource') }
      : echo(context, compute)),
    ...(faults.has('unknown-kind-uri') ? { kind: UNMAPPED_KIND } : {}),
    cores: { min: allocation.cores, max: allocation.cores },
    memory: { min: allocation.memory, max: allocation.memory },
  };
  // Volumes are echoed as components; names alone (read with `string-volumes`) are dropped.
  if (session.volumes.length > 0)
    computeBody.volumes = session.volumes.map((volume) => echo(context, volume));
  else delete computeBody.volumes;
  body.compute = computeBody;
  if (faults.has('volumes-dropped')) delete computeBody.volumes;
  if (session.storage.length > 0) {
    body.storage = session.storage.map((item, index) => {
      const size = allocation.storage[index] ?? 0;
      const echoed = echo(context, item, { size: { min: size, max: size } });
      if (faults.has('storage-size-dropped')) delete echoed.size;
      return echoed;
    });
  }
  if (session.data.length > 0) body.data = session.data.map((item) => echo(context, item));
  if (hasConnectors(session, faults)) body.connectors = connectors(context, session, phase);
  if (!faults.has('no-schedule')) body.schedule = schedule(context, session);
  if (faults.has('epoch-instants') && body.schedule !== undefined)
    (body.schedule as { preparing: Plain }).preparing.start = EPOCH;
  return body;
}

/** A Docker session's log connectors; the location is given once there is a log to read. */
function connectors(context: RenderContext, session: Session, phase: SessionPhase): Plain[] {
  const status = connectorStatus(phase, context.faults);
  const located = logReadable(phase, context.faults);
  return LOG_STREAMS.map((stream) => {
    const connector: Plain = {
      kind: context.profile.connectorKindUri(`docker-container-${stream}-get`),
      status,
      protocol: 'HTTP',
    };
    if (located) connector.location = `${sessionUrl(context, session.uuid)}/docker/${stream}-get`;
    return connector;
  });
}

export function renderOfferSet(context: RenderContext, offerSet: OfferSet): Plain {
  const { faults } = context;
  const yes = offerSet.result === 'YES';
  const messages = yes || !faults.has('no-without-messages') ? offerSet.messages : [];
  const meta: Plain = {
    uuid: offerSet.uuid,
    url: offerSetUrl(context, faults.has('bad-meta-url') ? randomUUID() : offerSet.uuid),
    created: formatInstant(offerSet.created),
    modified: formatInstant(offerSet.created),
    messages: messages.map((message) => renderMessage(context, message)),
  };
  if (offerSet.name !== undefined) meta.name = offerSet.name;
  const offers = yes && faults.has('yes-without-offers') ? [] : offerSet.sessions;
  return {
    meta,
    result: faults.has('offerset-drift') ? yes : offerSet.result,
    offers: offers.map((session) => renderSession(context, session)),
  };
}
