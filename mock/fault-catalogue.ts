// The named, deliberate defects of the reference broker: the data only (mock/faults.ts reads
// and exports it). Each breaks exactly one rule, named by the requirement id it violates.

export interface FaultInfo {
  name: string;
  requirement: string;
  description: string;
}

export const FAULTS = [
  {
    name: 'no-expiry',
    requirement: '/req/expiry/offer-expires',
    description: 'offers stay OFFERED after their expiry instant',
  },
  {
    name: 'accept-after-expiry',
    requirement: '/req/expiry/expired-not-acceptable',
    description: 'an EXPIRED offer can still be accepted',
  },
  {
    name: 'never-releases',
    requirement: '/req/expiry/resources-released',
    description: 'expired, rejected and cancelled offers keep holding their capacity',
  },
  {
    name: 'siblings-stay-offered',
    requirement: '/req/lifecycle/accept-rejects-siblings',
    description: 'accepting one offer leaves its siblings OFFERED',
  },
  {
    name: 'reject-ignored',
    requirement: '/req/lifecycle/reject-offered',
    description: 'a reject update answers 200 but leaves the offer OFFERED',
  },
  {
    name: 'accept-ignored',
    requirement: '/req/lifecycle/accept-offered',
    description: 'an accept update answers 200 but leaves the offer OFFERED',
  },
  {
    name: 'cancel-ignored',
    requirement: '/req/lifecycle/cancel-active',
    description: 'a cancel update answers 200 but the session carries on',
  },
  {
    name: 'terminal-phase-changes',
    requirement: '/req/lifecycle/terminal-stable',
    description: 'a REJECTED offer can be accepted afterwards',
  },
  {
    name: 'phase-regression',
    requirement: '/req/lifecycle/no-regression',
    description: 'an accepted session reports OFFERED again on its second read',
  },
  {
    name: 'stale-options',
    requirement: '/req/lifecycle/options-after-accept',
    description: 'accepted sessions still list ACCEPTED/REJECTED options',
  },
  {
    name: 'no-options',
    requirement: '/req/lifecycle/options-offered',
    description: 'sessions list no options, offered or not (as the Java broker does)',
  },
  {
    name: 'silent-illegal-update',
    requirement: '/req/lifecycle/illegal-update-refused',
    description: 'illegal updates answer 200 with the phase unchanged (as the Java broker does)',
  },
  {
    name: 'no-progress',
    requirement: '/req/lifecycle/progresses',
    description: 'accepted sessions stay ACCEPTED forever',
  },
  {
    name: 'no-schedule',
    requirement: '/req/lifecycle/schedule-present',
    description: 'sessions carry no schedule block',
  },
  {
    name: 'overbook',
    requirement: '/req/capacity/never-exceeded',
    description:
      'offers and sessions are not booked in the calendar, so capacity can be promised twice',
  },
  {
    name: 'beyond-platform',
    requirement: '/req/capacity/within-platform',
    description: 'requests larger than the platform get offers anyway',
  },
  {
    name: 'ignore-max',
    requirement: '/req/matching/cores-max',
    description: 'offers twice the requested minimum cores, ignoring the maximum',
  },
  {
    name: 'memory-ignore-max',
    requirement: '/req/matching/memory-max',
    description: 'offers twice the requested minimum memory, ignoring the maximum',
  },
  {
    name: 'below-min',
    requirement: '/req/matching/cores-min',
    description: 'offers one core fewer than the requested minimum',
  },
  {
    name: 'memory-echoes-cores',
    requirement: '/req/matching/memory-min',
    description: 'the offered memory equals the offered core count (as the Java broker does)',
  },
  {
    name: 'storage-below-min',
    requirement: '/req/matching/storage-min',
    description: 'storage resources are offered at half their requested minimum size',
  },
  {
    name: 'storage-size-dropped',
    requirement: '/req/matching/storage-min',
    description:
      'storage sizes are ignored: neither checked nor booked, and offers state none (as the Java broker does)',
  },
  {
    name: 'volumes-dropped',
    requirement: '/req/matching/volumes-kept',
    description: 'offers omit the requested volume mounts',
  },
  {
    name: 'epoch-instants',
    requirement: '/req/schema/instants-plausible',
    description:
      'sessions report schedule.preparing.start as 1970-01-01T00:00:00Z (an unset clock)',
  },
  {
    name: 'offer-outside-window',
    requirement: '/req/matching/start-in-window',
    description: 'offers start one hour after the end of the requested window',
  },
  {
    name: 'short-duration',
    requirement: '/req/matching/duration-min',
    description: 'offers last half the requested duration',
  },
  {
    name: 'multi-slot-offer',
    requirement: '/req/matching/one-slot',
    description: 'offers carry two start intervals in one schedule',
  },
  {
    name: 'wrong-defaults',
    requirement: '/req/matching/defaults',
    description: 'omitted memory defaults to zero',
  },
  {
    name: 'executable-dropped',
    requirement: '/req/matching/executable-echoed',
    description: 'offers omit the requested executable',
  },
  {
    name: 'uuid-reuse',
    requirement: '/req/offerset/distinct-uuids',
    description: 'identical requests get the same offerset and offer uuids back',
  },
  {
    name: 'yes-without-offers',
    requirement: '/req/offerset/yes-has-offers',
    description: 'some YES answers carry an empty offer list',
  },
  {
    name: 'no-without-messages',
    requirement: '/req/offerset/no-has-messages',
    description: 'NO answers carry no messages (as the Java broker does for long durations)',
  },
  {
    name: 'offers-not-offered',
    requirement: '/req/offerset/fresh-offers-offered',
    description: 'fresh offers are reported in phase INITIAL',
  },
  {
    name: 'expires-in-past',
    requirement: '/req/offerset/expires-after-created',
    description: 'fresh offers carry an expiry instant before their creation',
  },
  {
    name: 'bad-offer-url',
    requirement: '/req/offerset/offer-url-resolves',
    description: "offers' meta.url points at a uuid that does not exist",
  },
  {
    name: 'unknown-kind-yes',
    requirement: '/req/offerset/unknown-kind-no',
    description: 'requests with unknown executable kinds get offers',
  },
  {
    name: 'invalid-yes',
    requirement: '/req/offerset/invalid-never-yes',
    description: 'requests with min greater than max are answered YES',
  },
  {
    name: 'missing-location',
    requirement: '/req/offerset/create-redirect-or-body',
    description: 'create answers 303 without a Location header',
  },
  {
    name: 'relative-location',
    requirement: '/req/offerset/location-absolute',
    description: 'the Location header is a relative path',
  },
  {
    name: 'schema-drift',
    requirement: '/req/schema/session-valid',
    description: "sessions drop their required 'kind' field",
  },
  {
    name: 'offerset-drift',
    requirement: '/req/schema/offerset-valid',
    description: "offersets report 'result' as a boolean",
  },
  {
    name: 'unknown-kind-uri',
    requirement: '/req/schema/kind-known',
    description: 'compute resources are reported with an unmapped kind URI',
  },
  {
    name: 'bad-message',
    requirement: '/req/schema/message-valid',
    description: 'messages carry an unknown level',
  },
  {
    name: 'bad-option',
    requirement: '/req/schema/option-valid',
    description: 'options lack their path',
  },
  {
    name: 'bad-meta-url',
    requirement: '/req/schema/meta-url-resolves',
    description: "offersets' meta.url points at a uuid that does not exist",
  },
  {
    name: 'bad-datetime',
    requirement: '/req/schema/datetime-format',
    description: 'expiry instants are written as epoch milliseconds strings',
  },
  {
    name: 'wrong-content-type',
    requirement: '/req/negotiation/json-response',
    description: 'JSON bodies are labelled text/plain',
  },
  {
    name: 'yaml-response-as-json',
    requirement: '/req/negotiation/yaml-response',
    description: 'Accept application/yaml gets JSON',
  },
  {
    name: 'yaml-unsupported',
    requirement: '/req/negotiation/yaml-request',
    description: 'YAML request bodies are refused with 415',
  },
  {
    name: 'json-unsupported',
    requirement: '/req/negotiation/json-request',
    description: 'JSON request bodies are refused with 415',
  },
  {
    name: 'ignore-q-values',
    requirement: '/req/negotiation/accept-q-values',
    description: 'the first type named in Accept wins, whatever its q-value',
  },
  {
    name: 'json-default',
    requirement: '/req/negotiation/yaml-default',
    description: 'with no Accept header the answer is JSON',
  },
  {
    name: 'accept-anything',
    requirement: '/req/negotiation/unsupported-type',
    description: 'unsupported media types are answered 200',
  },
  {
    name: '5xx-on-bad-input',
    requirement: '/req/robustness/no-5xx',
    description: 'unparseable bodies get 500 (a body of the wrong shape still gets 400)',
  },
  {
    name: 'malformed-200',
    requirement: '/req/robustness/malformed-400',
    description: 'malformed bodies are answered NO with 200 instead of 400',
  },
  {
    name: 'unknown-uuid-200',
    requirement: '/req/robustness/unknown-uuid-404',
    description: 'unknown uuids are answered 200 with an empty body',
  },
  {
    name: 'bare-errors',
    requirement: '/req/robustness/error-body',
    description: 'client errors have an empty body (as the Java broker does)',
  },
  {
    name: 'hang-on-bad-input',
    requirement: '/req/robustness/answers-promptly',
    description: 'malformed bodies get no answer for 60 seconds',
  },
  {
    name: 'double-accept-race',
    requirement: '/req/concurrency/single-accept',
    description: 'parallel accepts of sibling offers can all succeed',
  },
  {
    name: 'racy-booking',
    requirement: '/req/concurrency/no-overbooking',
    description: 'parallel creates read capacity before any of them books it',
  },
  {
    name: 'no-reoffer',
    requirement: '/req/capacity/released-reofferable',
    description: 'capacity released by rejection is never offered again',
  },
  {
    name: 'direct-offered',
    requirement: '/req/direct/creates-accepted-session',
    description: 'direct execution leaves the session OFFERED',
  },
  {
    name: 'direct-drift',
    requirement: '/req/direct/session-valid',
    description: 'the direct session has an unmapped executable kind',
  },
  {
    name: 'auth-ignored',
    requirement: '/req/auth/unauthenticated-401',
    description: 'writes without credentials, or with wrong ones, are carried out',
  },
  {
    name: 'owner-ignored',
    requirement: '/req/auth/owner-only',
    description: "any identity may update any other identity's session",
  },
  {
    name: 'connectors-missing',
    requirement: '/req/connectors/docker-logs',
    description: 'Docker sessions carry no stdout or stderr connector',
  },
  {
    name: 'connector-never-available',
    requirement: '/req/connectors/location-answers',
    description: 'connectors stay PREPARING, without a location, while the session runs',
  },
  {
    name: 'connector-regresses',
    requirement: '/req/connectors/forward-only',
    description: 'connectors fall back to PREPARING while the session is RUNNING',
  },
  {
    name: 'labels-dropped',
    requirement: '/req/labels/echoed',
    description: 'offers omit the Docker labels of the request',
  },
  {
    name: 'reserved-label-accepted',
    requirement: '/req/labels/reserved-refused',
    description: 'labels with the reserved prefix get offers like any other',
  },
] as const satisfies readonly FaultInfo[];
