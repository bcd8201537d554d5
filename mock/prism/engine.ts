// `eb-conform mock --engine prism`: the project's spec served by Stoplight Prism, for client
// developers who want schema-shaped answers and nothing more (no state, no lifecycle, no
// capacity). Prism runs as a child process with the document of ./document.ts; this module
// starts it, waits until it listens, and stops it. Prism is an optional peer of eb-conform:
// where it is not installed, starting says how to install it.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProfileName } from '../../spec/index.ts';
import { prismDocument } from './document.ts';

export const PRISM_PACKAGE = '@stoplight/prism-cli';
/** The Prism release line the document is shaped for (its generator's budget, its keywords). */
export const PRISM_RANGE = '~5.14.2';

export interface PrismOptions {
  port?: number;
  host?: string;
  profile?: ProfileName;
  /** Random answers from the schema (json-schema-faker) instead of one fixed example. */
  dynamic?: boolean;
  /** Longest wait for Prism to listen (default 60 s: it loads slowly on a busy machine). */
  startTimeoutMs?: number;
  /** Where Prism's own log lines go once it listens (default: nowhere). */
  log?: (line: string) => void;
  /** Where to look for an installed Prism (a file URL or path; default: beside eb-conform). */
  resolveFrom?: string;
}

export interface PrismMock {
  url: string;
  close(): Promise<void>;
  /** Settles when Prism stops, by close() or by itself (its exit code, or the signal). */
  stopped: Promise<string>;
}

/** Something kept Prism from serving: not installed, could not start, or did not listen in time. */
export class PrismEngineError extends Error {
  override name = 'PrismEngineError';
}

/** The Prism command-line entry, or undefined when the package is not installed. */
export function prismEntry(from: string = import.meta.url): string | undefined {
  const require = createRequire(from);
  try {
    const manifest = require.resolve(`${PRISM_PACKAGE}/package.json`);
    const { bin } = require(manifest) as { bin?: string | Record<string, string> };
    const relative = typeof bin === 'string' ? bin : bin?.prism;
    return relative === undefined ? undefined : join(dirname(manifest), relative);
  } catch {
    return undefined;
  }
}

/** A port free right now on `host` (Prism cannot be asked for "any port" and tell which). */
async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// Prism colours and decorates its log; its "listening" line is what matters.
const LISTENING = /Prism is listening on (https?:\/\/\S+)/;
// eslint-disable-next-line no-control-regex -- stripping terminal colour codes is the point
const COLOUR = /\u001b\[[0-9;]*m/g;

/** A Prism process that listens, and how it ends. */
interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<string>;
}

/** Starts one Prism process and waits until it listens; rejects with what it said otherwise. */
async function spawnPrism(
  args: string[],
  timeoutMs: number,
  log: ((line: string) => void) | undefined,
): Promise<Running> {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  const recent: string[] = [];
  let started = false;
  let listening: ((url: string) => void) | undefined;
  const onLine = (raw: string): void => {
    const line = raw.replace(COLOUR, '').trimEnd();
    if (line === '') return;
    if (started) log?.(line);
    recent.push(line);
    if (recent.length > 20) recent.shift();
    const found = LISTENING.exec(line);
    if (found !== null) listening?.(found[1]!);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(onLine);
    });
  }
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new PrismEngineError(
              `Prism did not listen within ${timeoutMs} ms:\n${recent.join('\n')}`,
            ),
          ),
        timeoutMs,
      );
      listening = (found) => {
        clearTimeout(timer);
        resolve(found.replace(/\/+$/, ''));
      };
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new PrismEngineError(`cannot start Prism: ${error.message}`));
      });
      void exited.then((how) => {
        clearTimeout(timer);
        reject(
          new PrismEngineError(
            `Prism stopped before it listened (${how}):\n${recent.join('\n') || '(no output)'}`,
          ),
        );
      });
    });
    started = true;
    return { child, url, exited };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

/** Restarts allowed within RESTART_WINDOW_MS before a crashing Prism is given up on. */
export const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/**
 * Starts Prism and keeps it serving: Prism 5 exits on some requests it cannot parse (a
 * malformed Accept header), so a process that stops by itself is started again on the same
 * port, and the restart is logged; after MAX_RESTARTS in a minute it is left stopped.
 */
export async function startPrismMock(options: PrismOptions = {}): Promise<PrismMock> {
  const entry = prismEntry(options.resolveFrom);
  if (entry === undefined)
    throw new PrismEngineError(
      `the prism engine needs ${PRISM_PACKAGE}, which is not installed: npm install ${PRISM_PACKAGE}@${PRISM_RANGE}`,
    );
  const host = options.host ?? '127.0.0.1';
  const port =
    options.port === undefined || options.port === 0 ? await freePort(host) : options.port;
  const dir = mkdtempSync(join(tmpdir(), 'eb-conform-prism-'));
  const file = join(dir, `execution-broker-${options.profile ?? 'v1.0.7'}.json`);
  writeFileSync(file, JSON.stringify(prismDocument(options.profile ?? 'v1.0.7')));
  const args = [entry, 'mock', file, '--host', host, '--port', String(port)];
  if (options.dynamic === true) args.push('--dynamic');
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  let current: Running;
  try {
    current = await spawnPrism(args, timeoutMs, options.log);
  } catch (error) {
    cleanup();
    throw error;
  }
  let closing = false;
  const restarts: number[] = [];
  const stopped = (async (): Promise<string> => {
    for (;;) {
      const how = await current.exited;
      if (closing) return how;
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0]! > RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length >= MAX_RESTARTS)
        return `${how}, after ${MAX_RESTARTS} restarts within a minute`;
      restarts.push(now);
      options.log?.(`Prism stopped by itself (${how}); starting it again`);
      try {
        current = await spawnPrism(args, timeoutMs, options.log);
      } catch (error) {
        return `${how}; it could not be started again: ${(error as Error).message}`;
      }
      // Closed while the new process was starting: it must not outlive the close.
      if (closing) {
        await stop(current.child);
        return 'closed';
      }
    }
  })();
  return {
    url: current.url,
    stopped,
    close: async () => {
      closing = true;
      await stop(current.child);
      await stopped;
      cleanup();
    },
  };
}
