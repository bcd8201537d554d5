// HAR 1.2 files (browser dev tools, mitmproxy, our own exchanges.har), read entry by entry
// from a stream: a HAR of a hundred thousand exchanges is never held whole. Each entry becomes
// one recorded exchange timed by the HAR's own timestamps.

import { createReadStream } from 'node:fs';
import type { Exchange } from '../../contract/result.ts';
import { harHeaders } from './headers.ts';
import { arrayElements } from './json-stream.ts';
import type { ExchangeItem, InputProblem } from './types.ts';

/** What an exchange keeps of a body, as the live client keeps it. */
export const KEPT_BODY_CHARS = 64 * 1024;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function body(content: unknown): { text?: string; truncated: boolean } {
  const raw = text((content as { text?: unknown } | undefined)?.text);
  if (raw === undefined || raw === '') return { truncated: false };
  const encoding = text((content as { encoding?: unknown }).encoding);
  const decoded = encoding === 'base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  return decoded.length > KEPT_BODY_CHARS
    ? { text: decoded.slice(0, KEPT_BODY_CHARS), truncated: true }
    : { text: decoded, truncated: false };
}

const ID = /^[\w.:-]{1,64}$/;

/** One HAR entry as a recorded exchange; a string saying what is wrong when it cannot be one. */
export function harEntry(entry: unknown, fallbackId: string): Exchange | string {
  if (typeof entry !== 'object' || entry === null) return 'an entry is not an object';
  const { request, response, startedDateTime, time, comment, _error } = entry as Record<
    string,
    unknown
  >;
  const method = text((request as { method?: unknown } | undefined)?.method);
  const url = text((request as { url?: unknown } | undefined)?.url);
  if (method === undefined || url === undefined) return 'an entry has no request method or URL';
  const started = text(startedDateTime);
  if (started === undefined || Number.isNaN(Date.parse(started)))
    return 'an entry has no readable startedDateTime';
  const id = text(comment);
  const exchange: Exchange = {
    id: id !== undefined && ID.test(id) ? id : fallbackId,
    startedAt: new Date(Date.parse(started)).toISOString(),
    durationMs: typeof time === 'number' && Number.isFinite(time) && time > 0 ? time : 0,
    request: { method, url, headers: harHeaders((request as { headers?: unknown }).headers) },
  };
  const sent = body((request as { postData?: unknown }).postData);
  if (sent.text !== undefined) exchange.request.body = sent.text;
  const status = (response as { status?: unknown } | undefined)?.status;
  if (typeof status === 'number' && status >= 100 && status <= 599) {
    const got = body((response as { content?: unknown }).content);
    exchange.response = {
      status,
      headers: harHeaders((response as { headers?: unknown }).headers),
      ...(got.text === undefined ? {} : { body: got.text }),
      ...(got.truncated ? { truncated: true } : {}),
    };
  } else {
    // HAR's way of saying "no response": status 0, the reason (when known) in _error.
    exchange.error = text(_error) ?? 'no response recorded';
  }
  return exchange;
}

export interface HarReadOptions {
  /** Prefix of generated exchange ids and process names, unique per input. */
  prefix: string;
  onProblem?: (problem: InputProblem) => void;
}

/** Streams the entries of a HAR file as exchange items, in file order. */
export async function* readHar(
  file: string,
  options: HarReadOptions,
): AsyncGenerator<ExchangeItem> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let index = 0;
  try {
    for await (const raw of arrayElements(stream as AsyncIterable<string>, ['log', 'entries'])) {
      index += 1;
      const source = `${file} entry ${index}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (error) {
        options.onProblem?.({ source, message: `not JSON: ${(error as Error).message}` });
        continue;
      }
      const exchange = harEntry(parsed, `${options.prefix}${index}`);
      if (typeof exchange === 'string') {
        options.onProblem?.({ source, message: exchange });
        continue;
      }
      const from = Date.parse(exchange.startedAt);
      yield {
        kind: 'exchange',
        exchange,
        // Entries of a HAR may overlap (a browser sends in parallel): each is its own process,
        // and only their timestamps order them.
        process: `${options.prefix}${index}`,
        seen: { from, to: from + exchange.durationMs },
        timeSource: 'har',
        requestHeaders: true,
        source,
      };
    }
  } finally {
    stream.destroy();
  }
}
