// The rule registry: every check that can be judged from observed exchanges, once, by name.
// The live run, `eb-conform check` and `eb-conform proxy` all judge with these rules, so what a
// run says about a broker and what its recorded traffic says cannot drift apart.

import { answersPromptly } from './answers-promptly.ts';
import { capacity } from './capacity.ts';
import { coresMax } from './cores-max.ts';
import { coresMin } from './cores-min.ts';
import { createRedirectOrBody } from './create-redirect-or-body.ts';
import { datetimeFormat } from './datetime-format.ts';
import { defaults } from './defaults.ts';
import { distinctUuids } from './distinct-uuids.ts';
import { durationMin } from './duration-min.ts';
import { executableEchoed } from './executable-echoed.ts';
import { expiredNotAcceptable } from './expired-not-acceptable.ts';
import { expiresAfterCreated } from './expires-after-created.ts';
import { freshOffersOffered } from './fresh-offers-offered.ts';
import { instantsPlausible } from './instants-plausible.ts';
import { jsonResponse } from './json-response.ts';
import { kindKnown } from './kind-known.ts';
import { locationAbsolute } from './location-absolute.ts';
import { memoryMax } from './memory-max.ts';
import { memoryMin } from './memory-min.ts';
import { messageValid } from './message-valid.ts';
import { no5xx } from './no-5xx.ts';
import { noHasMessages } from './no-has-messages.ts';
import { noRegression } from './no-regression.ts';
import { offerExpires } from './offer-expires.ts';
import { offersetValid } from './offerset-valid.ts';
import { oneSlot } from './one-slot.ts';
import { optionValid } from './option-valid.ts';
import { optionsAfterAccept } from './options-after-accept.ts';
import { optionsOffered } from './options-offered.ts';
import { phaseOnSchedule } from './phase-on-schedule.ts';
import { sessionValid } from './session-valid.ts';
import { siblingsRejected } from './siblings-rejected.ts';
import { singleAccept } from './single-accept.ts';
import { startInWindow } from './start-in-window.ts';
import { storageMin } from './storage-min.ts';
import { terminalStable } from './terminal-stable.ts';
import { volumesKept } from './volumes-kept.ts';
import { withinPlatform } from './within-platform.ts';
import { yamlResponse } from './yaml-response.ts';
import { yesHasOffers } from './yes-has-offers.ts';
import type { ExchangeRule, OfferRule, Rule, TraceRule } from './types.ts';

export const EXCHANGE_RULES: readonly ExchangeRule[] = [
  offersetValid,
  sessionValid,
  messageValid,
  optionValid,
  datetimeFormat,
  kindKnown,
  instantsPlausible,
  no5xx,
  answersPromptly,
  createRedirectOrBody,
  locationAbsolute,
  jsonResponse,
  yamlResponse,
  yesHasOffers,
  noHasMessages,
];

export const OFFER_RULES: readonly OfferRule[] = [
  coresMin,
  coresMax,
  memoryMin,
  memoryMax,
  storageMin,
  durationMin,
  startInWindow,
  oneSlot,
  defaults,
  executableEchoed,
  volumesKept,
  freshOffersOffered,
  expiresAfterCreated,
];

export const TRACE_RULES: readonly TraceRule[] = [
  singleAccept,
  siblingsRejected,
  terminalStable,
  noRegression,
  offerExpires,
  expiredNotAcceptable,
  optionsOffered,
  optionsAfterAccept,
  capacity,
  withinPlatform,
  phaseOnSchedule,
  distinctUuids,
];

export const RULES: readonly Rule[] = [...EXCHANGE_RULES, ...OFFER_RULES, ...TRACE_RULES];

/** The rules that judge one requirement (usually exactly one). */
export function rulesFor(requirement: string): Rule[] {
  return RULES.filter((rule) => rule.requirement === requirement);
}

export type {
  DocumentKind,
  ExchangeRule,
  ExchangeView,
  ExpectedDocument,
  Finding,
  Judgement,
  OfferCase,
  OfferRule,
  Operation,
  ProfileName,
  Rule,
  RuleContext,
  TraceRule,
  Window,
} from './types.ts';
export {
  DOCUMENT_REQUIREMENT,
  judgedDocument,
  kindsIn,
  schemaIssues,
  unknownKinds,
} from './documents.ts';
