// For every rule of the registry: a subject that breaks it, one that keeps it, and (where there
// is one) a subject it has nothing to say about. rules.test.ts insists every rule has an entry.

import type { HistoryEvent } from '../../suites/history/events.ts';
import type { ExchangeView, OfferCase } from '../../suites/rules/types.ts';
import { iso, offer as storyOffer, Story, T0 as STORY_T0 } from '../stateful/history-builder.ts';
import {
  K,
  MINUTE,
  T0,
  message,
  offered,
  offerset,
  request,
  session,
  view,
  withCompute,
} from './documents.ts';

export type Subject = { view: ExchangeView } | { offer: OfferCase } | { history: HistoryEvent[] };

export interface Example {
  bad: Subject;
  good: Subject;
  nothing?: Subject;
}

const v = (body: unknown, extra: Partial<ExchangeView> = {}): Subject => ({
  view: view(body, extra),
});
const o = (offer: unknown, asked?: unknown): Subject => ({ offer: offered(offer, asked) });
const h = (story: Story): Subject => ({ history: story.events });
const notFound = v(undefined, { status: 404, headers: {}, op: 'other' });

const computeOnly = (compute: Record<string, unknown>) =>
  request({ compute: { kind: K('simple-compute-resource'), ...compute } });

const volume = {
  kind: K('simple-volume-mount'),
  path: '/mnt/data',
  mode: 'READONLY',
  resource: 'disk',
};

/** Offers created at STORY_T0 and a read of the first `later` ms after it. */
function readLater(phase: string, later: number, expires = STORY_T0 + MINUTE): Story {
  const story = new Story().create('p1', 's1', [storyOffer('a', 's1', { expires: iso(expires) })]);
  story.tick(later);
  return story.call('p1', 'read', 'a', phase);
}

function acceptLater(phase: string): Story {
  const story = new Story().create('p1', 's1', [
    storyOffer('a', 's1', { expires: iso(STORY_T0 + MINUTE) }),
  ]);
  story.tick(10 * MINUTE);
  return story.call('p1', 'accept', 'a', phase);
}

function preparingAt(read: number): Story {
  const preparing = iso(STORY_T0 + 2 * 60 * MINUTE);
  const story = new Story()
    .create('p1', 's1', [storyOffer('a', 's1', { preparing })])
    .call('p1', 'accept', 'a', 'ACCEPTED', { preparing });
  story.tick(read);
  return story.call('p1', 'read', 'a', 'PREPARING', { preparing });
}

export const EXAMPLES: Record<string, Example> = {
  // --- exchange rules ---------------------------------------------------------------------
  'offerset-valid': {
    bad: v(offerset({ result: true })),
    good: v(offerset()),
    nothing: notFound,
  },
  'session-valid': {
    bad: v(session({ kind: undefined })),
    good: v(session()),
    nothing: notFound,
  },
  'message-valid': {
    bad: v(
      offerset({
        result: 'NO',
        offers: [],
        meta: { ...offersetMeta(), messages: [{ ...message, level: 'LOUD' }] },
      }),
    ),
    good: v(
      offerset({ result: 'NO', offers: [], meta: { ...offersetMeta(), messages: [message] } }),
    ),
    nothing: v(offerset()),
  },
  'option-valid': {
    bad: v(
      session({
        meta: {
          ...sessionMeta(),
          options: [{ kind: 'uri:enum-value-option', values: ['ACCEPTED'] }],
        },
      }),
    ),
    good: v(session()),
    nothing: v(session({ meta: { ...sessionMeta(), options: [] } })),
  },
  'datetime-format': {
    bad: v(session({ expires: String(T0) })),
    good: v(session()),
    nothing: notFound,
  },
  'kind-known': {
    bad: v(session({ compute: { kind: 'https://example.org/kinds/quantum', cores: { min: 1 } } })),
    good: v(offerset({ kind: 'https://example.org/any/offerset/kind' })),
    nothing: notFound,
  },
  'instants-plausible': {
    bad: v(
      session({
        schedule: { ...schedule(), preparing: { start: '1970-01-01T00:00:00Z', duration: 'PT1M' } },
      }),
    ),
    good: v(session()),
    nothing: notFound,
  },
  'no-5xx': {
    bad: v(undefined, { status: 503, op: 'other' }),
    good: v(session()),
    nothing: v(undefined, { status: undefined, error: 'ECONNREFUSED', op: 'other' }),
  },
  'answers-promptly': {
    bad: v(undefined, { status: undefined, error: 'UND_ERR_SOCKET', op: 'other' }),
    good: v(session()),
    nothing: v(undefined, { status: undefined, error: 'ECONNREFUSED', op: 'other' }),
  },
  'create-redirect-or-body': {
    bad: v(offerset(), { op: 'create', status: 201 }),
    good: v(undefined, {
      op: 'create',
      status: 303,
      headers: { location: 'http://broker.test/offersets/1' },
    }),
    nothing: v(undefined, { op: 'create', status: 400 }),
  },
  'location-absolute': {
    bad: v(undefined, { op: 'create', status: 303, headers: { location: '/offersets/1' } }),
    good: v(undefined, {
      op: 'create',
      status: 303,
      headers: { location: 'http://broker.test/offersets/1' },
    }),
    nothing: v(offerset(), { op: 'create', status: 200 }),
  },
  'json-response': {
    bad: v(session(), { contentType: 'text/plain', headers: { 'content-type': 'text/plain' } }),
    good: v(session()),
    nothing: v(session(), { requestHeaders: { accept: 'application/json, application/yaml' } }),
  },
  'yaml-response': {
    bad: v(session(), { requestHeaders: { accept: 'application/yaml' } }),
    good: v(session(), {
      requestHeaders: { accept: 'application/yaml' },
      contentType: 'application/yaml',
      headers: { 'content-type': 'application/yaml' },
    }),
    nothing: v(session()),
  },
  'yes-has-offers': {
    bad: v(offerset({ offers: [] })),
    good: v(offerset()),
    nothing: v(offerset({ result: 'NO', offers: [] })),
  },
  'no-has-messages': {
    bad: v(offerset({ result: 'NO', offers: [] })),
    good: v(
      offerset({ result: 'NO', offers: [], meta: { ...offersetMeta(), messages: [message] } }),
    ),
    nothing: v(offerset()),
  },
  // --- offer rules ------------------------------------------------------------------------
  'cores-min': {
    bad: o(withCompute({ cores: { min: 1, max: 1 }, memory: { min: 2 } })),
    good: o(session()),
    nothing: { offer: { ...offered(session()), request: undefined } },
  },
  'cores-max': {
    bad: o(withCompute({ cores: { min: 8, max: 8 }, memory: { min: 2 } })),
    good: o(session()),
    nothing: o(session(), computeOnly({ cores: { min: 2 } })),
  },
  'memory-min': {
    bad: o(withCompute({ cores: { min: 2 }, memory: { min: 1, max: 1 } })),
    good: o(session()),
    nothing: { offer: { ...offered(session()), request: undefined } },
  },
  'memory-max': {
    bad: o(
      withCompute({ cores: { min: 2 }, memory: { min: 9, max: 9 } }),
      computeOnly({ memory: { min: 2, max: 4 } }),
    ),
    good: o(session(), computeOnly({ memory: { min: 2, max: 4 } })),
    nothing: o(session()),
  },
  'storage-min': {
    bad: o(
      session({ storage: [{ kind: K('simple-storage-resource'), meta: { name: 'disk' } }] }),
      request({
        storage: [
          { kind: K('simple-storage-resource'), meta: { name: 'disk' }, size: { min: 10 } },
        ],
      }),
    ),
    good: o(
      session({
        storage: [
          { kind: K('simple-storage-resource'), meta: { name: 'disk' }, size: { min: 10 } },
        ],
      }),
      request({
        storage: [
          { kind: K('simple-storage-resource'), meta: { name: 'disk' }, size: { min: 10 } },
        ],
      }),
    ),
    nothing: o(session()),
  },
  'duration-min': {
    bad: o(
      session({
        schedule: { ...schedule(), available: { ...schedule().available, duration: 'PT10M' } },
      }),
    ),
    good: o(session()),
    nothing: o(session(), request({ schedule: undefined })),
  },
  'start-in-window': {
    bad: o(
      session({
        schedule: { ...schedule(), available: { start: iso(T0 + 60 * MINUTE), duration: 'PT30M' } },
      }),
    ),
    good: o(session()),
    nothing: o(session(), request({ schedule: { requested: { duration: 'PT30M' } } })),
  },
  'one-slot': {
    bad: o(
      session({
        schedule: {
          ...schedule(),
          available: { start: [iso(T0), iso(T0 + MINUTE)], duration: 'PT30M' },
        },
      }),
    ),
    good: o(session()),
    nothing: o(session({ schedule: undefined })),
  },
  defaults: {
    bad: o(withCompute({ cores: { min: 1 }, memory: { min: 0, max: 0 } }), computeOnly({})),
    good: o(withCompute({ cores: { min: 1 }, memory: { min: 1 } }), computeOnly({})),
    nothing: o(session(), computeOnly({ cores: { min: 2, max: 4 }, memory: { min: 2, max: 2 } })),
  },
  'executable-echoed': {
    bad: o(session({ executable: { kind: K('jupyter-notebook'), location: 'https://x/y.ipynb' } })),
    good: o(session()),
    nothing: o(session(), request({ executable: undefined })),
  },
  'volumes-kept': {
    bad: o(session(), computeOnly({ cores: { min: 2 }, volumes: [volume] })),
    good: o(
      withCompute({ cores: { min: 2 }, memory: { min: 2 }, volumes: [volume] }),
      computeOnly({ cores: { min: 2 }, volumes: [volume] }),
    ),
    nothing: o(session()),
  },
  'fresh-offers-offered': {
    bad: o(session({ phase: 'INITIAL' })),
    good: o(session()),
  },
  'expires-after-created': {
    bad: o(session({ expires: iso(T0 - MINUTE) })),
    good: o(session()),
  },
  // --- trace rules ------------------------------------------------------------------------
  'single-accept': {
    bad: h(
      new Story()
        .create('p0', 's1', [storyOffer('a', 's1'), storyOffer('b', 's1')])
        .call('p1', 'accept', 'a', 'ACCEPTED')
        .call('p2', 'accept', 'b', 'ACCEPTED'),
    ),
    good: h(
      new Story().create('p0', 's1', [storyOffer('a', 's1')]).call('p1', 'accept', 'a', 'ACCEPTED'),
    ),
    nothing: h(new Story().create('p0', 's1', [storyOffer('a', 's1')])),
  },
  'siblings-rejected': {
    bad: h(
      new Story()
        .create('p1', 's1', [storyOffer('a', 's1'), storyOffer('b', 's1')])
        .call('p1', 'accept', 'a', 'ACCEPTED')
        .call('p1', 'read', 'b', 'OFFERED'),
    ),
    good: h(
      new Story()
        .create('p1', 's1', [storyOffer('a', 's1'), storyOffer('b', 's1')])
        .call('p1', 'accept', 'a', 'ACCEPTED')
        .call('p1', 'read', 'b', 'REJECTED'),
    ),
    nothing: h(new Story().create('p1', 's1', [storyOffer('a', 's1'), storyOffer('b', 's1')])),
  },
  'terminal-stable': {
    bad: h(
      new Story()
        .create('p1', 's1', [storyOffer('a', 's1')])
        .call('p1', 'reject', 'a', 'REJECTED')
        .call('p1', 'read', 'a', 'ACCEPTED'),
    ),
    good: h(
      new Story()
        .create('p1', 's1', [storyOffer('a', 's1')])
        .call('p1', 'reject', 'a', 'REJECTED')
        .call('p1', 'read', 'a', 'REJECTED'),
    ),
    nothing: h(
      new Story().create('p1', 's1', [storyOffer('a', 's1')]).call('p1', 'reject', 'a', 'REJECTED'),
    ),
  },
  'no-regression': {
    bad: h(
      new Story()
        .create('p1', 's1', [storyOffer('a', 's1')])
        .call('p1', 'accept', 'a', 'ACCEPTED')
        .call('p1', 'read', 'a', 'OFFERED'),
    ),
    good: h(
      new Story()
        .create('p1', 's1', [storyOffer('a', 's1')])
        .call('p1', 'accept', 'a', 'ACCEPTED')
        .call('p1', 'read', 'a', 'RUNNING'),
    ),
    nothing: h(new Story().call('p1', 'read', 'a', 'RUNNING')),
  },
  'offer-expires': {
    bad: h(readLater('OFFERED', 10 * MINUTE)),
    good: h(readLater('EXPIRED', 10 * MINUTE)),
    nothing: h(readLater('OFFERED', 10)),
  },
  'expired-not-acceptable': {
    bad: h(acceptLater('ACCEPTED')),
    good: h(acceptLater('EXPIRED')),
    nothing: h(
      new Story().create('p1', 's1', [storyOffer('a', 's1')]).call('p1', 'accept', 'a', 'ACCEPTED'),
    ),
  },
  'options-offered': {
    bad: h(new Story().create('p1', 's1', [storyOffer('a', 's1', { options: undefined })])),
    good: h(new Story().create('p1', 's1', [storyOffer('a', 's1')])),
    nothing: h(new Story().call('p1', 'read', 'a', 'RUNNING')),
  },
  'options-after-accept': {
    bad: h(
      new Story()
        .create('p1', 's1', [storyOffer('a', 's1')])
        .call('p1', 'accept', 'a', 'ACCEPTED', { options: { phase: ['ACCEPTED', 'REJECTED'] } }),
    ),
    good: h(
      new Story().create('p1', 's1', [storyOffer('a', 's1')]).call('p1', 'accept', 'a', 'ACCEPTED'),
    ),
    nothing: h(new Story().create('p1', 's1', [storyOffer('a', 's1')])),
  },
  capacity: {
    bad: h(
      new Story()
        .create('p1', 's1', [storyOffer('a', 's1', { cores: 5 })])
        .create('p2', 's2', [storyOffer('b', 's2', { cores: 5 })]),
    ),
    good: h(
      new Story()
        .create('p1', 's1', [storyOffer('a', 's1', { cores: 4 })])
        .create('p2', 's2', [storyOffer('b', 's2', { cores: 4 })]),
    ),
    nothing: h(new Story().call('p1', 'read', 'a', 'RUNNING')),
  },
  'within-platform': {
    bad: h(new Story().create('p1', 's1', [storyOffer('a', 's1', { cores: 9 })])),
    good: h(new Story().create('p1', 's1', [storyOffer('a', 's1', { cores: 8 })])),
    nothing: h(new Story().call('p1', 'read', 'a', 'RUNNING')),
  },
  'phase-on-schedule': {
    bad: h(preparingAt(10 * MINUTE)),
    good: h(preparingAt(2 * 60 * MINUTE)),
    nothing: h(new Story().create('p1', 's1', [storyOffer('a', 's1')])),
  },
  'distinct-uuids': {
    bad: h(
      new Story()
        .create('p1', 's1', [storyOffer('a', 's1')])
        .create('p1', 's1', [storyOffer('a', 's1')]),
    ),
    good: h(
      new Story()
        .create('p1', 's1', [storyOffer('a', 's1')])
        .create('p1', 's2', [storyOffer('b', 's2')]),
    ),
    nothing: h(new Story().create('p1', 's1', [storyOffer('a', 's1')])),
  },
};

function offersetMeta(): Record<string, unknown> {
  return offerset().meta as Record<string, unknown>;
}

function sessionMeta(): Record<string, unknown> {
  return session().meta as Record<string, unknown>;
}

function schedule(): { available: Record<string, unknown> } & Record<string, unknown> {
  return session().schedule as { available: Record<string, unknown> } & Record<string, unknown>;
}
