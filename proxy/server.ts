// The recording, validating reverse proxy: any client talks to it, it forwards each request to
// the broker unchanged (bar the hop-by-hop headers and the broker's own URLs, which point back
// at the proxy), records the exchange and judges it with the rule registry. The answer carries
// an `x-eb-conform-findings` header with what was found, unless finding headers are off, in
// which case bodies stream straight through and are judged once they have passed. A broker
// that is down gets the client a 502 with a clear body; nothing either side sends can crash it.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Agent, request } from 'undici';
import type { Exchange } from '../contract/result.ts';
import { findingsHeader, LiveJudge, type LiveOptions } from './live.ts';
import { isTextual, rewriter, type Rewriter } from './rewrite.ts';

/** What an exchange keeps of a body, as the live client keeps it. */
const KEPT_BODY_CHARS = 64 * 1024;
/** Answers up to this size are held until judged, so their findings fit in a header. */
const HELD_BODY_BYTES = 2 * 1024 * 1024;
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export interface ProxyOptions extends LiveOptions {
  target: string;
  port?: number;
  host?: string;
  /** Add x-eb-conform-findings to each answer (default true). */
  findingHeaders?: boolean;
  /** How long the broker may take to answer (default 30 s). */
  requestTimeoutMs?: number;
}

export interface RunningProxy {
  url: string;
  judge: LiveJudge;
  close(): Promise<void>;
}

function flat(
  headers: IncomingMessage['headers'] | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function forwardable(headers: Record<string, string>, host: string): Record<string, string> {
  const out: Record<string, string> = {};
  const named = (headers.connection ?? '').split(',').map((name) => name.trim().toLowerCase());
  for (const [name, value] of Object.entries(headers))
    if (
      !HOP_BY_HOP.has(name) &&
      !named.includes(name) &&
      name !== 'host' &&
      name !== 'accept-encoding'
    )
      out[name] = value;
  // Bodies must come back readable to be judged and rewritten: ask for them unencoded.
  out.host = host;
  return out;
}

/** Keeps the first KEPT_BODY_CHARS of a body as it passes, for the recorded exchange. */
function recorder(): {
  keep(chunk: Buffer): void;
  through(): Transform;
  text(): { body?: string; truncated: boolean };
} {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  // UTF-8 takes at most four bytes a character: this many bytes always hold the kept text.
  const keep = (chunk: Buffer): void => {
    if (size >= KEPT_BODY_CHARS * 4) {
      truncated = true;
      return;
    }
    chunks.push(chunk);
    size += chunk.byteLength;
  };
  return {
    keep,
    through: () =>
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          keep(chunk);
          done(null, chunk);
        },
      }),
    text() {
      const all = Buffer.concat(chunks).toString('utf8');
      if (all === '') return { truncated };
      return all.length > KEPT_BODY_CHARS
        ? { body: all.slice(0, KEPT_BODY_CHARS), truncated: true }
        : { body: all, truncated };
    },
  };
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, status, message } });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const target = new URL(options.target);
  const base = `${target.origin}${target.pathname.replace(/\/+$/, '')}`;
  const judge = new LiveJudge(options);
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const agent = new Agent({ keepAliveTimeout: 4_000, connect: { timeout: 5_000 } });
  const holding = options.findingHeaders !== false;
  let sequence = 0;
  let rewrite: Rewriter | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    sequence += 1;
    const id = `p${sequence}`;
    const startedAt = new Date();
    const started = performance.now();
    const url = `${base}${req.url ?? '/'}`;
    const sent = flat(req.headers);
    const exchange: Exchange = {
      id,
      startedAt: startedAt.toISOString(),
      durationMs: 0,
      request: { method: req.method ?? 'GET', url, headers: sent },
    };
    const upload = recorder();
    const finish = (): Exchange => {
      const kept = upload.text();
      if (kept.body !== undefined) exchange.request.body = kept.body;
      exchange.durationMs = Math.round(performance.now() - started);
      return exchange;
    };
    const judged = (): ReturnType<LiveJudge['add']> => {
      try {
        return judge.add(finish(), { from: startedAt.getTime(), to: Date.now() });
      } catch (error) {
        // The judge is the proxy's own code: a bug in it must not cost the client its answer.
        options.say?.(`eb-conform proxy: could not judge ${id}: ${(error as Error).message}`);
        return [];
      }
    };
    const aborted = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    let answer;
    try {
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      answer = await request(url, {
        method: (req.method ?? 'GET') as 'GET',
        headers: forwardable(sent, target.host),
        ...(hasBody ? { body: req.pipe(upload.through()) } : {}),
        dispatcher: agent,
        signal: AbortSignal.any([aborted.signal, AbortSignal.timeout(timeoutMs)]),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      const err = error as Error & { code?: string };
      const timedOut = err.name === 'TimeoutError' || err.code === 'UND_ERR_HEADERS_TIMEOUT';
      exchange.error = timedOut ? `timeout after ${timeoutMs} ms` : (err.code ?? err.message);
      judged();
      if (aborted.signal.aborted) return;
      if (timedOut)
        sendError(
          res,
          504,
          'upstream-timeout',
          `the broker at ${base} gave no answer within ${timeoutMs} ms`,
        );
      else
        sendError(
          res,
          502,
          'upstream-unreachable',
          `eb-conform proxy could not reach the broker at ${base}: ${exchange.error}`,
        );
      return;
    }
    const received = flat(answer.headers as Record<string, string | string[] | undefined>);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(received))
      if (!HOP_BY_HOP.has(name)) headers[name] = value;
    rewrite ??= rewriter(base, proxyOrigin);
    if (headers.location !== undefined) headers.location = rewrite.text(headers.location);
    const textual = isTextual(headers['content-type']);
    const download = recorder();
    const record = (): void => {
      const kept = download.text();
      exchange.response = {
        status: answer.statusCode,
        headers: received,
        ...(kept.body === undefined ? {} : { body: kept.body }),
        ...(kept.truncated ? { truncated: true } : {}),
      };
    };
    const length = Number(received['content-length'] ?? Number.NaN);
    if (holding && !(length > HELD_BODY_BYTES)) {
      // Held until judged: the findings go in a header before the body.
      const chunks: Buffer[] = [];
      let size = 0;
      let overflow = false;
      // Read by hand: leaving a for-await early would destroy the body still to be streamed.
      const iterator = (answer.body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done === true) break;
          download.keep(next.value);
          chunks.push(next.value);
          size += next.value.byteLength;
          if (size > HELD_BODY_BYTES) {
            overflow = true;
            break;
          }
        }
      } catch (error) {
        exchange.error = (error as { code?: string }).code ?? (error as Error).message;
        judged();
        sendError(
          res,
          502,
          'upstream-broken',
          `the broker at ${base} broke off its answer: ${exchange.error}`,
        );
        return;
      }
      if (!overflow) {
        record();
        const findings = judged();
        const raw = Buffer.concat(chunks);
        const body = textual ? Buffer.from(rewrite.text(raw.toString('utf8')), 'utf8') : raw;
        if (req.method !== 'HEAD') headers['content-length'] = String(body.byteLength);
        headers['x-eb-conform-findings'] = findingsHeader(findings);
        res.writeHead(answer.statusCode, headers);
        res.end(body);
        return;
      }
      // Too large to hold: send what was read and stream the rest, unjudged by header.
      delete headers['content-length'];
      res.writeHead(answer.statusCode, headers);
      const rest = (async function* () {
        yield Buffer.concat(chunks);
        for (;;) {
          const next = await iterator.next();
          if (next.done === true) return;
          yield next.value;
        }
      })();
      await stream(rest, res, textual ? rewrite : undefined, download.keep).catch(() =>
        res.destroy(),
      );
      record();
      judged();
      return;
    }
    if (textual) delete headers['content-length'];
    res.writeHead(answer.statusCode, headers);
    await stream(answer.body, res, textual ? rewrite : undefined, download.keep).catch(() =>
      res.destroy(),
    );
    record();
    judged();
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.say?.(`eb-conform proxy: ${(error as Error).message}`);
      sendError(res, 502, 'proxy-error', 'eb-conform proxy could not complete this exchange');
    });
  });
  // A request the HTTP parser cannot read gets a plain 400; the connection is closed.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8081, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const proxyOrigin = `http://${host}:${address.port}`;
  return {
    url: proxyOrigin,
    judge,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
}

/** Streams a body to the client, through the rewriter for text, teeing into the recorder. */
async function stream(
  body: AsyncIterable<unknown>,
  res: ServerResponse,
  rewrite: Rewriter | undefined,
  keep: (chunk: Buffer) => void,
): Promise<void> {
  const source = Readable.from(
    (async function* () {
      for await (const chunk of body) {
        keep(chunk as Buffer);
        yield chunk as Buffer;
      }
    })(),
  );
  if (rewrite === undefined) await pipeline(source, res);
  else await pipeline(source, rewrite.stream(), res);
}
