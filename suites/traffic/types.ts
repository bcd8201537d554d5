// What the traffic readers hand the judge. Three kinds of item, in the order they were recorded:
// a recorded HTTP exchange (HAR, transcript, proxy), a pair of documents whose status line and
// headers were never captured (a folder of request and response files), or a history event
// (our own history.ndjson).

import type { Exchange } from '../../contract/result.ts';
import type { HistoryEvent } from '../history/events.ts';
import type { DocumentKind, Window } from '../rules/types.ts';

/** Where the times of a source come from; the report says which one it used. */
export type TimeSource = 'har' | 'date-header' | 'meta-created' | 'history' | 'proxy' | 'none';

export const TIME_SOURCE_TEXT: Record<TimeSource, string> = {
  har: 'HAR timestamps (the recording client clock)',
  'date-header': 'Date headers (the broker clock, to the second)',
  'meta-created': "the documents' meta.created (lower bounds; upper bounds from later offer sets)",
  history: 'the history events (client clock, with its clock notes)',
  proxy: 'the proxy clock',
  none: 'nothing: no timestamps, Date headers or meta.created were found',
};

/** One recorded exchange, with what its source did and did not capture. */
export interface ExchangeItem {
  kind: 'exchange';
  exchange: Exchange;
  /** Who made it: exchanges of one process were made one after another. */
  process: string;
  seen?: Window;
  timeSource: TimeSource;
  /** False where the source has no request headers (a curl -i transcript). */
  requestHeaders: boolean;
  /** The file (and entry) it came from. */
  source: string;
}

export interface DocumentFile {
  file: string;
  text: string;
  body?: unknown;
  parseError?: string;
  kind: DocumentKind;
}

/** A request document and the response document that followed it (either may be missing). */
export interface DocumentItem {
  kind: 'documents';
  request?: DocumentFile;
  response?: DocumentFile;
  process: string;
  seen?: Window;
  timeSource: TimeSource;
  source: string;
}

export interface EventItem {
  kind: 'event';
  event: HistoryEvent;
  source: string;
}

export type TrafficItem = ExchangeItem | DocumentItem | EventItem;

/** A problem with an input that leaves the rest usable (a torn line, a broken entry). */
export interface InputProblem {
  source: string;
  message: string;
}
