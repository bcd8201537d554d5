// Absolute URLs of the broker, rewritten to the proxy, so a client that follows a Location or a
// meta.url keeps talking through the proxy. Only the broker's own origin is rewritten (and,
// for a loopback broker, the other spellings of loopback with the same port); everything else
// passes unchanged. Bodies are rewritten as text, also when they arrive in pieces.

import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface Rewriter {
  /** Replaces every broker origin in a text by the proxy's origin. */
  text(input: string): string;
  /** The same, over a stream of chunks (a URL split across chunks is still found). */
  stream(): Transform;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The base URLs the broker may write for itself: its origin and path (the proxy's root stands
 * for the broker's base path), under every loopback spelling when it is on loopback.
 */
export function brokerOrigins(target: string): string[] {
  const url = new URL(target);
  const hosts = LOOPBACK.includes(url.hostname) ? LOOPBACK : [url.hostname];
  const port = url.port === '' ? '' : `:${url.port}`;
  const path = url.pathname.replace(/\/+$/, '');
  return hosts.map((host) => `${url.protocol}//${host}${port}${path}`);
}

export function rewriter(target: string, proxyOrigin: string): Rewriter {
  const origins = brokerOrigins(target).filter((origin) => origin !== proxyOrigin);
  // Longest first, so no origin is a prefix of one replaced before it.
  const pattern = new RegExp(
    origins
      .sort((a, b) => b.length - a.length)
      .map((origin) => origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  const longest = Math.max(...origins.map((origin) => origin.length));
  const text = (input: string): string =>
    origins.length === 0 ? input : input.replace(pattern, proxyOrigin);
  return {
    text,
    stream() {
      if (origins.length === 0)
        return new Transform({ transform: (chunk, _encoding, done) => done(null, chunk) });
      const decoder = new StringDecoder('utf8');
      let held = '';
      return new Transform({
        transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
          const joined = held + decoder.write(chunk);
          // Hold back what could be the start of an origin cut off by the chunk boundary; an
          // origin found whole across that point is let through whole.
          let cut = Math.max(0, joined.length - (longest - 1));
          for (const match of joined.matchAll(pattern)) {
            const end = match.index + match[0].length;
            if (match.index < cut && end > cut) cut = end;
          }
          held = joined.slice(cut);
          done(null, text(joined.slice(0, cut)));
        },
        flush(done: TransformCallback) {
          done(null, text(held + decoder.end()));
        },
      });
    },
  };
}

/** Media types whose bodies are text a URL can hide in. */
export function isTextual(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    type.endsWith('+json') ||
    type.endsWith('+xml') ||
    ['application/json', 'application/yaml', 'application/x-yaml', 'application/xml'].includes(type)
  );
}
