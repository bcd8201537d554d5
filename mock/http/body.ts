// Reading and parsing request bodies safely: a byte cap enforced while streaming, strict UTF-8,
// JSON or YAML (aliases capped, one document only), then a copy of the result that refuses
// deep nesting and keeps keys such as `__proto__` as plain data, so nothing downstream can be
// tricked into touching prototypes.
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
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer | BrokerError): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      finish(brokerError('payload-too-large', { limit }));
      request.resume();
    };
    const onEnd = (): void => finish(Buffer.concat(chunks, size));
    const onError = (error: Error): void =>
      finish(brokerError('malformed-body', { format: 'HTTP', detail: error.message }));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeText(bytes: Buffer): string | BrokerError {
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
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || (char === "'" && /[\s:,[{-]/.test(text[i - 1] ?? ' '))) quote = char;
    else if (char === '[' || char === '{') deepest = Math.max(deepest, ++depth);
    else if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** Parses JSON, YAML or XML text; an empty body is `undefined`. */
export function parseText(text: string, media: MediaType): unknown {
  if (text.trim() === '') return undefined;
  if (flowDepth(text) > DEPTH_LIMIT) return brokerError('too-deep', { limit: DEPTH_LIMIT });
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
