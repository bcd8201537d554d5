// exchanges.har: every recorded exchange as HAR 1.2, so it opens in browser dev tools and HAR
// viewers. Redaction happens before this writer sees the exchanges (see redact.ts).

import type { Exchange, RunResult } from '../contract/result.ts';
import { STATUS_CODES } from 'node:http';

interface HarHeader {
  name: string;
  value: string;
}

function headerList(headers: Record<string, string>): HarHeader[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

function headerValue(headers: Record<string, string>, wanted: string): string | undefined {
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === wanted);
  return entry?.[1];
}

function queryString(url: string): HarHeader[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function byteLength(text: string | undefined): number {
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

function entry(exchange: Exchange) {
  const { request, response } = exchange;
  const requestType = headerValue(request.headers, 'content-type') ?? '';
  const responseType =
    response === undefined ? '' : (headerValue(response.headers, 'content-type') ?? '');
  const wait = Math.max(0, exchange.durationMs);
  return {
    startedDateTime: exchange.startedAt,
    time: wait,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(request.headers),
      queryString: queryString(request.url),
      ...(request.body === undefined
        ? {}
        : { postData: { mimeType: requestType, text: request.body } }),
      headersSize: -1,
      bodySize: byteLength(request.body),
    },
    response: {
      // HAR's convention for "no response": status 0 and the reason in an underscore field.
      status: response?.status ?? 0,
      statusText: response === undefined ? '' : (STATUS_CODES[response.status] ?? ''),
      httpVersion: response === undefined ? '' : 'HTTP/1.1',
      cookies: [],
      headers: response === undefined ? [] : headerList(response.headers),
      content: {
        size: byteLength(response?.body),
        mimeType: responseType,
        ...(response?.body === undefined ? {} : { text: response.body }),
        ...(response?.truncated === true ? { comment: 'body truncated by the recorder' } : {}),
      },
      redirectURL: response === undefined ? '' : (headerValue(response.headers, 'location') ?? ''),
      headersSize: -1,
      bodySize: response === undefined ? -1 : byteLength(response.body),
    },
    cache: {},
    timings: { send: 0, wait, receive: 0 },
    comment: exchange.id,
    ...(exchange.error === undefined ? {} : { _error: exchange.error }),
  };
}

/** `note` says which exchanges were kept, when the report keeps a sample of them. */
export function renderHar(result: RunResult, note?: string): string {
  const har = {
    log: {
      version: '1.2',
      creator: { name: result.tool.name, version: result.tool.version },
      comment: `eb-conform run against ${result.target} (profile ${result.profile}, seed ${result.seed})${note === undefined ? '' : `. ${note}`}`,
      entries: [...result.exchanges]
        .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
        .map(entry),
    },
  };
  return `${JSON.stringify(har, null, 2)}\n`;
}
