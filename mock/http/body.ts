// Reading and parsing request bodies safely: a byte cap enforced while streaming, strict UTF-8,
// JSON or YAML (aliases capped, one document only), then a copy of the result that refuses
// deep nesting and keeps keys such as `__proto__` as plain data, so nothing downstream can be
// tricked into touching prototypes.
import { isAscii } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { brokerError, type BrokerError } from './errors.ts';
import type { MediaType } from './negotiate.ts';
import { fromXml } from './xml.ts';

export const BODY_LIMIT = 1024 * 1024;
export const DEPTH_LIMIT = 64;

/**
 * Reads at most `limit` bytes; a longer body is refused (413) as soon as it shows itself, and
 * the rest of it is drained without being kept (destroying the stream instead would cut the
 * connection before the client could read the 413).
 */
export function readBody(
  request: IncomingMessage,
  limit = BODY_LIMIT,
): Promise<Buffer | BrokerError> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve(brokerError('payload-too-large', { limit }));
  }
  return new Promise((resolve) => {
    const reader = new BodyReader(request, limit, resolve);
    // Unnamed listeners, left attached once settled: the reader ignores late events, an error
    // after the end still has a listener, and naming closures costs tsx a property per request.
    request.on('data', (chunk: Buffer) => reader.data(chunk));
    request.on('end', () => reader.end());
    request.on('error', (error: Error) => reader.error(error));
  });
}

/** Collects one body; settles once, on the end, the first byte past the limit or an error. */
class BodyReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private settled = false;

  constructor(
    private readonly request: IncomingMessage,
    private readonly limit: number,
    private readonly resolve: (result: Buffer | BrokerError) => void,
  ) {}

  data(chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size <= this.limit) {
      this.chunks.push(chunk);
      return;
    }
    this.settle(brokerError('payload-too-large', { limit: this.limit }));
    this.request.resume();
  }

  end(): void {
    if (this.settled) return;
    const { chunks, size } = this;
    this.settle(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
  }

  error(error: Error): void {
    if (!this.settled)
      this.settle(brokerError('malformed-body', { format: 'HTTP', detail: error.message }));
  }

  private settle(result: Buffer | BrokerError): void {
    this.settled = true;
    this.chunks = [];
    this.resolve(result);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeText(bytes: Buffer): string | BrokerError {
  // ASCII reads the same in every decoding and has no BOM to drop; the native copy is cheaper.
  if (isAscii(bytes)) return bytes.toString('latin1');
  try {
    return decoder.decode(bytes);
  } catch {
    return brokerError('bad-encoding');
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n')[0] ?? '';
  return firstLine.length > 200 ? `${firstLine.slice(0, 200)}...` : firstLine;
}

/**
 * The deepest bracket nesting outside quoted strings. Checked before parsing because parsers
 * (YAML's especially) spend seconds on a megabyte of brackets before they give up.
 */
export function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote = 0; // char code of the open quote, 0 outside strings
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      if (code === BACKSLASH && quote === DOUBLE_QUOTE) i++;
      else if (code === quote) quote = 0;
    } else if (code === DOUBLE_QUOTE) quote = code;
    else if (code === SINGLE_QUOTE && opensQuote(text.charCodeAt(i - 1))) quote = code;
    else if (code === 0x5b || code === 0x7b)
      deepest = Math.max(deepest, ++depth); // [ {
    else if (code === 0x5d || code === 0x7d) depth = Math.max(0, depth - 1); // ] }
  }
  return deepest;
}

const BACKSLASH = 0x5c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/** A single quote opens a YAML string at the start, or after white space or `:,[{-`. */
function opensQuote(before: number): boolean {
  if (Number.isNaN(before)) return true; // start of text
  return (
    before === 0x3a || // :
    before === 0x2c || // ,
    before === 0x5b || // [
    before === 0x7b || // {
    before === 0x2d || // -
    /\s/.test(String.fromCharCode(before))
  );
}

/** Whether `text` holds fewer than `count` of `[` and `{` together (a native search each). */
function fewerOpenersThan(text: string, count: number): boolean {
  let found = 0;
  for (const opener of ['[', '{']) {
    for (let at = text.indexOf(opener); at !== -1; at = text.indexOf(opener, at + 1)) {
      if (++found >= count) return false;
    }
  }
  return true;
}

/** Same as `text.trim() === ''`, without copying a body that has content. */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  // `{`, `[`, `<` and letters are never trimmed: the usual body answers at once.
  if (first === 0x7b || first === 0x5b || first === 0x3c || /\w/.test(text[0] ?? '')) return false;
  return text.trim() === '';
}

/** Parses JSON, YAML or XML text; an empty body is `undefined`. */
export function parseText(text: string, media: MediaType): unknown {
  if (isBlank(text)) return undefined;
  // Each level of nesting needs an opening bracket, so the usual body skips the full scan.
  if (!fewerOpenersThan(text, DEPTH_LIMIT + 1) && flowDepth(text) > DEPTH_LIMIT)
    return brokerError('too-deep', { limit: DEPTH_LIMIT });
  if (media === 'json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      return brokerError('malformed-body', { format: 'JSON', detail: describe(error) });
    }
  }
  if (media === 'yaml') {
    try {
      return parseYaml(text, {
        maxAliasCount: 100,
        schema: 'core',
        uniqueKeys: true,
        strict: true,
        logLevel: 'error',
      });
    } catch (error) {
      return brokerError('malformed-body', { format: 'YAML', detail: describe(error) });
    }
  }
  return fromXml(text);
}

/** A plain-data copy of parsed input, or a 400 when it nests deeper than DEPTH_LIMIT. */
const TOO_DEEP = Symbol('too deep');

export function sanitize(value: unknown): unknown {
  const copy = (node: unknown, depth: number): unknown => {
    if (depth > DEPTH_LIMIT) throw TOO_DEEP;
    if (Array.isArray(node)) return node.map((item) => copy(item, depth + 1));
    if (typeof node === 'object' && node !== null) {
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node)) {
        // defineProperty, unlike assignment, makes even `__proto__` an ordinary own key.
        Object.defineProperty(result, key, {
          value: copy(item, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
    if (typeof node === 'number' && !Number.isFinite(node)) return null;
    if (typeof node === 'bigint') return Number(node);
    return node;
  };
  try {
    return copy(value, 0);
  } catch (error) {
    if (error === TOO_DEEP) return brokerError('too-deep', { limit: DEPTH_LIMIT });
    throw error;
  }
}
