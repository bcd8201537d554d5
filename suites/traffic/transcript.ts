// Transcripts of HTTP conversations: `curl -i` output (status line, headers, body), raw HTTP
// messages (a request line, headers and body, then the response), `curl -v` traces (`>` and
// `<` lines) and the `$ curl ...` command lines that say what was sent. Times come from the
// responses' Date headers. A transcript is one conversation: its exchanges were made in order.

import type { Exchange } from '../../contract/result.ts';
import { headerValue, parseHeaderLines, type HeaderRecord } from './headers.ts';
import type { ExchangeItem } from './types.ts';

const REQUEST_LINE = /^([A-Z]{3,10}) (\S+) HTTP\/\d(?:\.\d)?$/;
const STATUS_LINE = /^HTTP\/\d(?:\.\d)? (\d{3})(?: .*)?$/;
const COMMAND_LINE = /^(?:\$\s*)?curl\s/;

/** What was sent, as far as the transcript says. */
export interface SentRequest {
  method: string;
  url: string;
  headers: HeaderRecord;
  body?: string;
  /** False when only the curl command line (not the headers curl really sent) is known. */
  headersCaptured: boolean;
}

interface Received {
  status: number;
  headers: HeaderRecord;
  body: string;
}

type Message = { type: 'request'; request: SentRequest } | { type: 'response'; response: Received };

/** Splits a command line into words, honouring single and double quotes and backslashes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let started = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i] as string;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && i + 1 < line.length) word += line[(i += 1)];
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      started = true;
    } else if (char === '\\' && i + 1 < line.length) {
      word += line[(i += 1)];
      started = true;
    } else if (/\s/.test(char)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += char;
      started = true;
    }
  }
  if (started) words.push(word);
  return words;
}

const DATA_FLAGS = new Set(['-d', '--data', '--data-binary', '--data-raw', '--data-ascii']);

/** The request a curl command line describes (method, URL, -H headers, inline data). */
export function curlRequest(line: string): SentRequest | undefined {
  const words = shellWords(line.replace(/^\$\s*/, '')).slice(1);
  let method: string | undefined;
  let url: string | undefined;
  const headerLines: string[] = [];
  let body: string | undefined;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    const next = words[i + 1];
    if ((word === '-X' || word === '--request') && next !== undefined) {
      method = next.toUpperCase();
      i += 1;
    } else if ((word === '-H' || word === '--header') && next !== undefined) {
      headerLines.push(next);
      i += 1;
    } else if (DATA_FLAGS.has(word) && next !== undefined) {
      // A body read from a file (@file) is not in the transcript.
      body = next.startsWith('@') ? undefined : next;
      method ??= 'POST';
      i += 1;
    } else if (/^-[A-Za-z]*[XHd]$/.test(word) && next !== undefined) {
      // Combined short flags ending in one that takes a value (-sX POST): take the value.
      if (word.endsWith('X')) method = next.toUpperCase();
      if (word.endsWith('H')) headerLines.push(next);
      i += 1;
    } else if (!word.startsWith('-') && url === undefined) {
      url = /^https?:\/\//i.test(word) ? word : `http://${word}`;
    }
  }
  if (url === undefined) return undefined;
  return {
    method: method ?? 'GET',
    url,
    headers: parseHeaderLines(headerLines),
    ...(body === undefined ? {} : { body }),
    headersCaptured: false,
  };
}

/** Reads lines from a position; `next` is where the following line starts. */
function lineAt(text: string, at: number): { line: string; next: number } {
  const end = text.indexOf('\n', at);
  const stop = end < 0 ? text.length : end;
  return { line: text.slice(at, stop).replace(/\r$/, ''), next: end < 0 ? text.length : end + 1 };
}

function startsMessage(line: string): boolean {
  return (
    STATUS_LINE.test(line) ||
    REQUEST_LINE.test(line) ||
    COMMAND_LINE.test(line) ||
    // curl -v marks its lines with "> ", "< " and "* " (an HTML body's "<html" is no marker).
    /^[<>*](?: |$)/.test(line)
  );
}

/** Headers from `at` to the blank line; then the body, cut by Content-Length or the next message. */
function readBlock(
  text: string,
  at: number,
  prefix: string,
): { headerLines: string[]; body: string; next: number } {
  const headerLines: string[] = [];
  let cursor = at;
  while (cursor < text.length) {
    const { line, next } = lineAt(text, cursor);
    if (prefix !== '' && !line.startsWith(prefix.trim())) break;
    const content = prefix === '' ? line : line.slice(prefix.length);
    cursor = next;
    if (content.trim() === '') break;
    headerLines.push(content);
  }
  const headers = parseHeaderLines(headerLines);
  const length = Number(headerValue(headers, 'content-length'));
  if (Number.isSafeInteger(length) && length >= 0 && prefix === '') {
    const body = text.slice(cursor, cursor + length);
    return { headerLines, body, next: cursor + body.length };
  }
  let end = cursor;
  while (end < text.length) {
    const { line, next } = lineAt(text, end);
    if (startsMessage(line)) break;
    end = next;
  }
  return { headerLines, body: text.slice(cursor, end).replace(/\r?\n$/, ''), next: end };
}

/** The messages of a transcript, in order. */
export function transcriptMessages(text: string): Message[] {
  const messages: Message[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const { line, next } = lineAt(text, cursor);
    const verbose = /^([<>])(?: (.*))?$/.exec(line);
    const head = verbose === null ? line : (verbose[2] ?? '');
    const prefix = verbose === null ? '' : `${verbose[1]} `;
    const request = REQUEST_LINE.exec(head);
    const status = STATUS_LINE.exec(head);
    if (COMMAND_LINE.test(line)) {
      const sent = curlRequest(line);
      if (sent !== undefined) messages.push({ type: 'request', request: sent });
      cursor = next;
    } else if (request !== null) {
      const block = readBlock(text, next, prefix);
      const headers = parseHeaderLines(block.headerLines);
      const host = headerValue(headers, 'host');
      const target = request[2] as string;
      messages.push({
        type: 'request',
        request: {
          method: request[1] as string,
          url: /^https?:/i.test(target)
            ? target
            : host === undefined
              ? target
              : `http://${host}${target}`,
          headers,
          ...(verbose === null && block.body !== '' ? { body: block.body } : {}),
          headersCaptured: true,
        },
      });
      cursor = block.next;
    } else if (status !== null) {
      const block = readBlock(text, next, prefix);
      messages.push({
        type: 'response',
        response: {
          status: Number(status[1]),
          headers: parseHeaderLines(block.headerLines),
          body: block.body,
        },
      });
      cursor = block.next;
    } else {
      cursor = next;
    }
  }
  return messages;
}

const NOT_CAPTURED = '(not captured)';

/** The exchanges of a transcript: each request with the response that followed it. */
export function transcriptExchanges(
  text: string,
  file: string,
  prefix: string,
  /** Shown as the start of exchanges without a Date (the file's time); never used to judge. */
  fallbackTime = Date.now(),
): ExchangeItem[] {
  const items: ExchangeItem[] = [];
  let pending: SentRequest | undefined;
  let previous: Exchange | undefined;
  for (const message of transcriptMessages(text)) {
    if (message.type === 'request') {
      pending = message.request;
      continue;
    }
    const { response } = message;
    let sent = pending;
    pending = undefined;
    // curl -L: the answer after a redirect is the GET of its Location.
    const location = previous?.response?.headers.location;
    if (sent === undefined && location !== undefined && previous !== undefined) {
      const base = /^https?:/i.test(previous.request.url) ? previous.request.url : undefined;
      let url = location;
      try {
        url = new URL(location, base).toString();
      } catch {
        // A relative Location with no absolute request URL stays as it is.
      }
      sent = { method: 'GET', url, headers: {}, headersCaptured: false };
    }
    const date = Date.parse(headerValue(response.headers, 'date') ?? '');
    const index = items.length + 1;
    const exchange: Exchange = {
      id: `${prefix}${index}`,
      startedAt: new Date(Number.isNaN(date) ? fallbackTime : date).toISOString(),
      durationMs: 0,
      request: {
        method: sent?.method ?? NOT_CAPTURED,
        url: sent?.url ?? '',
        headers: sent?.headers ?? {},
        ...(sent?.body === undefined ? {} : { body: sent.body }),
      },
      response: {
        status: response.status,
        headers: response.headers,
        ...(response.body === '' ? {} : { body: response.body }),
      },
    };
    items.push({
      kind: 'exchange',
      exchange,
      process: prefix,
      // A Date header is the broker clock to the second.
      ...(Number.isNaN(date) ? {} : { seen: { from: date, to: date + 999 } }),
      timeSource: Number.isNaN(date) ? 'none' : 'date-header',
      requestHeaders: sent?.headersCaptured === true,
      source: `${file} exchange ${index}`,
    });
    previous = exchange;
  }
  return items;
}

/** Whether a text looks like a transcript (its first meaningful line starts a message). */
export function looksLikeTranscript(text: string): boolean {
  const first = text
    .split(/\r?\n/, 50)
    .map((line) => line.trim())
    .find((line) => line !== '');
  return first !== undefined && startsMessage(first) && !/^\* ?$/.test(first);
}
