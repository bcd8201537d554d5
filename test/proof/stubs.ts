// Small stand-in targets for the proofs that the verdicts never overstate: a pass-through in
// front of the reference broker that can rewrite its answers (every OfferSet a NO, every
// `meta.options` dropped) or stop accepting connections after a number of requests.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Stub {
  url: string;
  /** Requests answered so far. */
  served(): number;
  close(): Promise<void>;
}

function listen(server: Server, sockets: Set<Socket>): Promise<string> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

function stop(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface PassOptions {
  /** Rewrites a JSON body on its way back (undefined: unchanged). */
  rewrite?: (doc: unknown) => unknown;
  /** After this many requests the stub stops listening: later connections are refused. */
  cutAfter?: number;
}

/** Forwards everything to `upstream`, rewriting absolute URLs so clients stay with the stub. */
export async function passThrough(upstream: string, options: PassOptions = {}): Promise<Stub> {
  const sockets = new Set<Socket>();
  let served = 0;
  let base = '';
  let cut = false;
  const server = createServer((req, res) => {
    served += 1;
    if (options.cutAfter !== undefined && served >= options.cutAfter && !cut) {
      // From now on new connections are refused. Requests already on their way are still
      // answered (with Connection: close), so the target goes away without resetting any.
      cut = true;
      server.close();
      server.closeIdleConnections();
    }
    void body(req).then(async (payload) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length')
          headers[name] = value;
      const answer = await fetch(`${upstream}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        redirect: 'manual',
        ...(payload.length > 0 ? { body: payload } : {}),
      });
      let text = (await answer.text()).replaceAll(upstream, base);
      const type = answer.headers.get('content-type') ?? '';
      if (options.rewrite !== undefined && type.includes('json') && text !== '')
        text = JSON.stringify(options.rewrite(JSON.parse(text)));
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection')
          out[name] = name === 'location' ? value.replace(upstream, base) : value;
      });
      if (cut) out.connection = 'close';
      res.writeHead(answer.status, out);
      res.end(text);
    });
  });
  base = await listen(server, sockets);
  return {
    url: base,
    served: () => served,
    close: () => stop(server, sockets).catch(() => undefined),
  };
}

/** Removes every `meta.options` from a document, however deep. */
export function withoutOptions(doc: unknown): unknown {
  if (Array.isArray(doc)) return doc.map(withoutOptions);
  if (typeof doc !== 'object' || doc === null) return doc;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'meta' && typeof value === 'object' && value !== null) {
      const { options: _dropped, ...rest } = value as Record<string, unknown>;
      out[key] = rest;
    } else out[key] = withoutOptions(value);
  }
  return out;
}

/** Turns every OfferSet into a NO with a message: a broker that has room for nothing. */
export function sayingNo(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || !('result' in doc)) return doc;
  const set = doc as { meta?: Record<string, unknown>; result?: unknown; offers?: unknown };
  const time = new Date().toISOString();
  return {
    ...set,
    result: 'NO',
    offers: [],
    meta: {
      ...(set.meta ?? {}),
      messages: [
        {
          kind: 'urn:no-capacity',
          time,
          level: 'INFO',
          template: 'no room for {what}',
          values: { what: 'this request' },
          message: 'no room for this request',
        },
      ],
    },
  };
}
