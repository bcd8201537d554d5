// No target can make `eb-conform run` hang or crash. Each small server below misbehaves in one
// way at the transport level; the CLI is pointed at it (in a child process, as a user would run
// it) with a short request timeout and few runs, and must end on its own with a report and
// exit code 1 (requirements failed) or 3 (unreachable), never a crash (2, a signal, a stack).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../contract/result.ts';
import { runNode } from '../proof/run-cli.ts';

/** Longest a run against a hostile target may take before the test calls it a hang. */
const RUN_LIMIT_MS = 150_000;

type AnyServer = HttpServer | TcpServer;

interface Hostile {
  name: string;
  start(): AnyServer;
  /** Exit codes a sensible run can end with for this target. */
  exits: number[];
}

const sockets = new Set<Socket>();

function track(server: AnyServer): AnyServer {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A run may end while the server is still writing: the reset is expected.
    socket.on('error', () => undefined);
  });
  return server;
}

const FIFTY_MB = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

const HOSTILE: Hostile[] = [
  {
    name: 'never answers (accepts the connection, sends nothing)',
    start: () => createTcpServer(() => undefined),
    exits: [3],
  },
  {
    name: 'answers its root but never a broker path',
    start: () =>
      createHttpServer((req, res) => {
        req.resume();
        if (req.url === '/') res.end('ok');
      }),
    // Not an ExecutionBroker: said in one line, exit 3 (the report is still written).
    exits: [3],
  },
  {
    name: 'drips its body one byte at a time, forever',
    start: () =>
      createHttpServer((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json' });
        const drip = setInterval(() => res.write(' '), 100);
        res.on('close', () => clearInterval(drip));
      }),
    exits: [1, 3],
  },
  {
    name: 'answers garbage bytes that are not HTTP',
    start: () =>
      createTcpServer((socket) => {
        socket.on('data', () => {
          socket.end(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x0d, 0x0a, 0x0d, 0x7f]));
        });
      }),
    exits: [3],
  },
  {
    name: 'sends an endless body',
    start: () =>
      createHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const pump = (): void => {
          while (!res.destroyed && res.write(CHUNK));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
      }),
    exits: [1, 3],
  },
  {
    name: 'sends a 50 MB body',
    start: () =>
      createHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': FIFTY_MB });
        let sent = 0;
        const pump = (): void => {
          while (!res.destroyed && sent < FIFTY_MB) {
            sent += CHUNK.byteLength;
            if (!res.write(CHUNK)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      }),
    exits: [1, 3],
  },
  {
    name: 'closes the connection mid-response',
    start: () =>
      createHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
        res.write('{"meta": {"uu');
        setTimeout(() => res.socket?.destroy(), 20);
      }),
    exits: [1, 3],
  },
  {
    name: 'answers 200 with HTML to everything',
    start: () =>
      createHttpServer((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><body><h1>Welcome</h1></body></html>');
      }),
    exits: [3],
  },
  {
    name: 'redirects in a loop',
    start: () =>
      createHttpServer((req, res) => {
        req.resume();
        res.writeHead(303, { location: req.url ?? '/' });
        res.end();
      }),
    exits: [1],
  },
];

function listen(server: AnyServer): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no port'));
      else resolve(`http://127.0.0.1:${address.port}`);
    });
  });
}

function close(server: AnyServer): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('eb-conform run against hostile targets ends with a report, never a hang or crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eb-hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  HOSTILE.forEach((hostile, index) => {
    it(
      `a target that ${hostile.name}: exit ${hostile.exits.join(' or ')} with a report`,
      async () => {
        const server = track(hostile.start());
        const target = await listen(server);
        const reportDir = join(dir, `t${index}`);
        try {
          const run = await runNode(
            [
              'bin/eb-conform.js',
              'run',
              '--target',
              target,
              '--profile',
              'v1.0.7',
              '--classes',
              'offerset,robustness,negotiation',
              '--runs',
              '2',
              '--request-timeout',
              '1000',
              '--max-wait',
              '2s',
              '--report-dir',
              reportDir,
              '--progress',
              'none',
            ],
            RUN_LIMIT_MS,
          );
          const said = `exit ${run.code}; stderr: ${run.stderr.slice(-800)}`;
          expect(run.code, `the run did not end by itself (${said})`).not.toBeNull();
          expect(run.stderr, said).not.toMatch(/internal error|Unhandled|at .+\.ts:\d+/);
          expect(hostile.exits, said).toContain(run.code);
          const report = JSON.parse(
            readFileSync(join(reportDir, 'report.json'), 'utf8'),
          ) as RunResult;
          expect(report.exitCode).toBe(run.code);
          expect(report.target).toBe(target);
          expect(report.requirements.length).toBeGreaterThan(0);
          // A misbehaving target is the target's fault, never the harness's.
          expect(report.requirements.filter((r) => r.verdict === 'ERROR').map((r) => r.id)).toEqual(
            [],
          );
        } finally {
          await close(server);
        }
      },
      RUN_LIMIT_MS + 10_000,
    );
  });
});
