// `eb-conform mock --engine prism`: Prism really serves the spec, its answers are valid
// documents with real kinds (fixed or random), it is started again when it crashes, and every
// way of failing to start says why. Skips where Prism is not installed (it is an optional peer).

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PrismEngineError,
  prismEntry,
  startPrismMock,
  type PrismMock,
} from '../../mock/prism/index.ts';
import { createValidator } from '../../spec/index.ts';
import { kindsIn, unknownKinds } from '../../suites/harness/checks.ts';
import { ROOT } from '../proof/run-cli.ts';

const INSTALLED = prismEntry() !== undefined;
const SKIP = INSTALLED ? '' : ' (skipped: @stoplight/prism-cli is not installed)';
const UUID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

/** Every operation of the v1.0.7 profile, and the document type its 200 answer must be. */
const CALLS: [method: string, path: string, type: string, body?: unknown][] = [
  ['POST', '/requests', 'OfferSetResponse', {}],
  ['GET', `/offersets/${UUID}`, 'OfferSetResponse'],
  ['GET', `/sessions/${UUID}`, 'ExecutionSession'],
  [
    'POST',
    `/sessions/${UUID}`,
    'ExecutionSession',
    { kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' },
  ],
  ['POST', '/direct', 'ExecutionSession', {}],
];

async function answers(
  url: string,
): Promise<
  { call: string; status: number; issues: string[]; kinds: number; unmapped: string[] }[]
> {
  const validator = createValidator({ profile: 'v1.0.7' });
  const out = [];
  for (const [method, path, type, body] of CALLS) {
    const response = await fetch(`${url}${path}`, {
      method,
      redirect: 'manual',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const doc = (await response.json()) as unknown;
    const { issues } = validator.validate(type, doc);
    out.push({
      call: `${method} ${path}`,
      status: response.status,
      issues: issues.map((issue) => `${issue.pointer} ${issue.message}`),
      // The kinds the schema class judges (it leaves free-form message and connector kinds out).
      kinds: kindsIn(doc).length,
      unmapped: unknownKinds('v1.0.7', doc).map(
        (finding) => `${finding.pointer} ${finding.message}`,
      ),
    });
  }
  return out;
}

describe.skipIf(!INSTALLED)(`the Prism engine${SKIP}`, () => {
  const running: PrismMock[] = [];
  let fixed: PrismMock;
  let random: PrismMock;
  const logs: string[] = [];
  beforeAll(async () => {
    [fixed, random] = await Promise.all([
      startPrismMock({ port: 0, log: (line) => logs.push(line) }),
      startPrismMock({ port: 0, dynamic: true }),
    ]);
    running.push(fixed, random);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(running.map((prism) => prism.close()));
  });

  it.each([
    ['a fixed example', () => fixed, 1],
    ['random answers (--dynamic)', () => random, 4],
  ] as const)(
    'answers every operation with a valid document carrying mapped kinds: %s',
    async (_, prism, rounds) => {
      for (let round = 0; round < rounds; round += 1) {
        for (const answer of await answers(prism().url)) {
          expect(answer.status, answer.call).toBe(200);
          expect(answer.issues, answer.call).toEqual([]);
          expect(answer.kinds, answer.call).toBeGreaterThan(0);
          expect(answer.unmapped, answer.call).toEqual([]);
        }
      }
    },
  );

  it('is started again when a request crashes it, and says so', async () => {
    // Prism 5 exits on an Accept header it cannot parse.
    await fetch(`${fixed.url}/requests`, {
      method: 'POST',
      headers: { accept: ';q=abc,,,', 'content-type': 'application/json' },
      body: '{}',
    }).catch(() => undefined);
    const deadline = Date.now() + 60_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = await fetch(`${fixed.url}/sessions/${UUID}`, {
        headers: { accept: 'application/json' },
      })
        .then((r) => r.status)
        .catch(() => 0);
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status).toBe(200);
    expect(logs.some((line) => line.includes('starting it again'))).toBe(true);
  }, 90_000);

  it('fails clearly when the port is taken', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      await expect(startPrismMock({ port })).rejects.toThrow(
        /stopped before it listened[\s\S]*EADDRINUSE/,
      );
    } finally {
      server.close();
    }
  }, 90_000);

  it('fails clearly when it does not listen in time', async () => {
    await expect(startPrismMock({ port: 0, startTimeoutMs: 1 })).rejects.toThrow(
      /did not listen within 1 ms/,
    );
  });

  it('serves from the command line, prints its URL and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['bin/eb-conform.js', 'mock', '--engine', 'prism', '--port', '0'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no URL within 90 s')), 90_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text: string) => {
        const found = /http:\/\/\S+/.exec(text);
        if (found !== null) {
          clearTimeout(timer);
          resolve(found[0]);
        }
      });
    });
    expect((await fetch(`${url}/sessions/${UUID}`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/sessions/${UUID}`)).rejects.toThrow();
  }, 120_000);
});

describe('the Prism engine without Prism', () => {
  it('says how to install it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'eb-noprism-'));
    try {
      const from = pathToFileURL(join(empty, 'x.js')).href;
      expect(prismEntry(from)).toBeUndefined();
      const failure = startPrismMock({ resolveFrom: from });
      await expect(failure).rejects.toBeInstanceOf(PrismEngineError);
      await expect(failure).rejects.toThrow(/npm install @stoplight\/prism-cli@~5\.14\.2/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
