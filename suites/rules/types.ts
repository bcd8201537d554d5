// What a rule judges and what it answers. Three scopes:
// - exchange: one request and its answer (schema, kinds, status, content type);
// - offer: one offer against the request that produced it (matching, fresh offers);
// - trace: everything seen, as a history (phase order, siblings, expiry, options, capacity).
// A rule returns its findings and how many things it could actually judge: a rule that saw
// nothing it could judge must say so (observed 0), so no verdict is ever a PASS by default.

import type { Validator } from '../../spec/index.ts';
import type { Capacity, Trace } from '../history/trace.ts';

export type ProfileName = 'v1.0.7' | 'v1.0.5';

/** What the request asked of the broker, from its method and path (or, without them, its shape). */
export type Operation = 'create' | 'offerset' | 'session' | 'update' | 'direct' | 'other';

/** What a body is: one of the standard's documents, or something else. */
export type DocumentKind =
  | 'OfferSetResponse'
  | 'ExecutionSession'
  | 'ExecutionRequest'
  | 'Update'
  | 'ErrorResponse'
  | 'foreign'
  | 'empty'
  | 'unparseable';

/** The document a successful answer to the operation must be. */
export type ExpectedDocument = 'OfferSetResponse' | 'ExecutionSession';

/** When something was seen, in epoch ms: certainly not before `from`, certainly not after `to`. */
export interface Window {
  from: number;
  to: number;
}

/** One exchange as the rules see it. Whatever the source did not capture is left out. */
export interface ExchangeView {
  /** Exchange ids to cite as evidence (empty when the source holds no recorded exchange). */
  cite: string[];
  /** Where a person finds it: "POST http://host/requests (x12)" or a file name. */
  where: string;
  op: Operation;
  method?: string;
  url?: string;
  /** Undefined when the status line was not captured (a folder of documents). */
  status?: number;
  /** Response headers (lower-case names), when captured. */
  headers?: Record<string, string>;
  /** The response media type (lower case, no parameters), when captured. */
  contentType?: string;
  /** Request headers (lower-case names), when captured. */
  requestHeaders?: Record<string, string>;
  /** The parsed request body. */
  request?: unknown;
  /** The parsed response body, what it is, and its text. */
  body?: unknown;
  document: DocumentKind;
  /** For a body that is not an ExecutionBroker document: what it looks like. */
  looksLike?: string;
  parseError?: string;
  /** Transport failure: no complete answer. */
  error?: string;
  timedOut?: boolean;
  expect?: ExpectedDocument;
  /** When the answer was seen. */
  seen?: Window;
}

/** One offer, with the request that produced it. */
export interface OfferCase {
  request: unknown;
  offerset: unknown;
  offer: unknown;
  index: number;
  cite: string[];
  where: string;
  /** When the answer carrying it was seen. */
  seen?: Window;
}

export interface RuleContext {
  profile: ProfileName;
  validator: Validator;
  /** The option path that carries phase changes. */
  updatePath: string;
  /** Tolerance for clock differences at expiry instants and slot edges. */
  skewMs: number;
  /** How long past `expires` an offer may still read OFFERED or be accepted. */
  expiryGraceMs: number;
  /** Platform totals, when declared. */
  capacity?: Capacity;
}

export interface Finding {
  requirement: string;
  message: string;
  /** JSON pointer into the body the finding is about. */
  pointer?: string;
  exchangeIds: string[];
  /** Where a person finds the evidence when there is no recorded exchange to cite. */
  where?: string;
  /** Trace rules: the history events (0-based) that show it, and the session concerned. */
  events?: number[];
  session?: string;
}

export interface Judgement {
  findings: Finding[];
  /** How many things (answers, offers, sessions, bookings) the rule could actually judge. */
  observed: number;
  /** Why the rule could not run at all (e.g. no capacity declared). */
  skipped?: string;
}

interface RuleInfo {
  /** Stable name, unique in the registry (kebab-case, as the file is named). */
  name: string;
  /** The one requirement this rule judges. */
  requirement: string;
}

export interface ExchangeRule extends RuleInfo {
  scope: 'exchange';
  judge(view: ExchangeView, context: RuleContext): Judgement;
}

export interface OfferRule extends RuleInfo {
  scope: 'offer';
  judge(offer: OfferCase, context: RuleContext): Judgement;
}

export interface TraceRule extends RuleInfo {
  scope: 'trace';
  judge(trace: Trace, context: RuleContext): Judgement;
}

export type Rule = ExchangeRule | OfferRule | TraceRule;
