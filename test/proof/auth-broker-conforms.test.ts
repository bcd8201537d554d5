// The suite against `eb-conform mock --auth basic --user alice:... --user bob:...`, as a user
// would run it: with a declaration and both identities the whole run is CONFORMANT, the auth,
// connectors and labels classes included; without credentials it is INCOMPLETE (exit 4),
// saying which credentials are needed, never a PASS; and no report file holds a password.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../contract/result.ts';
import { ROOT, runNode, type Finished } from './run-cli.ts';

const ALICE = 'alice:a1ice-Pa55word';
const BOB = 'bob:b0b-Pa55word';
const SECRETS = ['a1ice-Pa55word', 'b0b-Pa55word'];
const DECLARATION = `profile: v1.0.7
direct: true
controlClock: true
capacity: { cores: 64, memory: 256, storage: 2048 }
offerLifetime: PT5M
auth: basic
connectors: true
labels: true
`;

function startMock(): Promise<{ child: ChildProcess; url: string }> {
  const args = ['bin/eb-conform.js', 'mock', '--port', '0', '--log', 'none', '--clock', 'virtual'];
  const child = spawn(process.execPath, [...args, '--control', '--user', ALICE, '--user', BOB], {
    cwd: ROOT,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('\n')) resolve({ child, url: out.split('\n')[0]!.trim() });
    });
    child.on('exit', () => reject(new Error('the mock exited early')));
  });
}

describe('eb-conform run against a mock that authenticates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eb-auth-proof-'));
  const declaration = join(dir, 'broker.yaml');
  let mock: ChildProcess | undefined;
  const runs: Record<'without' | 'with', { run: Finished; report: RunResult; dir: string }> =
    {} as never;

  beforeAll(async () => {
    writeFileSync(declaration, DECLARATION);
    const started = await startMock();
    mock = started.child;
    for (const [name, extra] of [
      ['without', []],
      ['with', ['--user', ALICE, '--second-user', BOB]],
    ] as const) {
      const out = join(dir, name);
      const run = await runNode(
        [
          'bin/eb-conform.js',
          'run',
          '--target',
          started.url,
          '--declare',
          declaration,
          '--seed',
          '5',
          '--report-dir',
          out,
          '--progress',
          'none',
          ...extra,
        ],
        300_000,
      );
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunResult;
      runs[name] = { run, report, dir: out };
    }
  }, 640_000);

  afterAll(async () => {
    if (mock !== undefined && mock.exitCode === null) {
      const exited = new Promise((resolve) => mock!.on('exit', resolve));
      mock.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('with a declaration and both identities, is CONFORMANT, every new class checked', () => {
    const { run, report } = runs.with;
    expect(report.outcome).toBe('conformant');
    expect(run.code).toBe(0);
    const optional = report.requirements.filter((r) =>
      ['auth', 'connectors', 'labels'].includes(r.class),
    );
    expect(optional.map((r) => `${r.id} ${r.verdict}`)).toEqual(
      optional.map((r) => `${r.id} PASS`),
    );
    expect(optional.length).toBe(7);
  });

  it('without credentials, is INCOMPLETE (exit 4) and says --user is needed, passing nothing', () => {
    const { run, report } = runs.without;
    expect(report.outcome).toBe('incomplete');
    expect(run.code).toBe(4);
    expect(report.requirements.filter((r) => r.verdict === 'PASS').map((r) => r.id)).toEqual([]);
    const messages = report.requirements.flatMap((r) =>
      r.cases.flatMap((c) => c.evidence.map((e) => e.message)),
    );
    expect(messages.some((m) => m.startsWith('credentials needed (--user NAME:PASSWORD)'))).toBe(
      true,
    );
  });

  it('leaves no password in any report file', () => {
    for (const name of ['with', 'without'] as const) {
      const files = readdirSync(runs[name].dir);
      expect(files).toContain('exchanges.har');
      for (const file of files) {
        const text = readFileSync(join(runs[name].dir, file), 'utf8');
        for (const secret of SECRETS) expect(text, `${name}/${file}`).not.toContain(secret);
        // Nor the Basic credentials that carry them.
        for (const user of [ALICE, BOB])
          expect(text, `${name}/${file}`).not.toContain(Buffer.from(user).toString('base64'));
      }
    }
  });
});
