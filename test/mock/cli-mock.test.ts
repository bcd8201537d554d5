import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMockArgs } from '../../cli/mock.ts';
import { send } from './http-helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('eb-conform mock arguments', () => {
  it('parses every option', () => {
    const parsed = parseMockArgs([
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--profile',
      'v1.0.5',
      '--config',
      'x.yaml',
      '--time-scale',
      '60',
      '--clock',
      'real',
      '--control',
      '--fault',
      'no-expiry,overbook',
      '--fault',
      'calycopis',
      '--token',
      't',
      '--create-status',
      '200',
    ]);
    expect(parsed).toEqual({
      options: {
        port: 0,
        host: '127.0.0.1',
        profile: 'v1.0.5',
        config: 'x.yaml',
        timeScale: 60,
        clock: 'real',
        control: true,
        faults: ['no-expiry,overbook', 'calycopis'],
        token: 't',
        createStatus: 200,
      },
    });
  });

  it('defaults to port 8080, v1.0.7, no faults', () => {
    expect(parseMockArgs([])).toEqual({
      options: { port: 8080, host: '127.0.0.1', profile: 'v1.0.7', control: false, faults: [] },
    });
  });

  it('explains bad options instead of guessing', () => {
    for (const argv of [
      ['--port', 'http'],
      ['--port', '70000'],
      ['--time-scale', '0'],
      ['--create-status', '302'],
      ['--profile', 'v2'],
      ['--clock', 'sundial'],
      ['--bogus'],
      ['extra'],
    ]) {
      expect(parseMockArgs(argv), argv.join(' ')).toHaveProperty('error');
    }
  });

  it('lists every fault with its requirement', () => {
    const parsed = parseMockArgs(['--list-faults']);
    expect('help' in parsed && parsed.help).toMatch(/no-expiry\s+\/req\/expiry\/offer-expires/);
  });

  it('lists the quirks apart from the faults, and what the calycopis preset holds', () => {
    const parsed = parseMockArgs(['--list-faults']);
    const text = 'help' in parsed ? parsed.help : '';
    expect(text).toMatch(/quirks \(allowed behaviour[^\n]*\n(.*\n)*calycopis-blocks\s+offers in/);
    expect(text).toMatch(/calycopis \(preset\): .*no-options.*calycopis-blocks.*string-volumes/);
  });

  it('parses auth, kind host and log options', () => {
    const parsed = parseMockArgs([
      '--auth',
      'basic',
      '--user',
      'alice:secret',
      '--user',
      'bob:secret2',
      '--auth-reads',
      '--kind-host',
      'w3id.org',
      '--log',
      'json',
    ]);
    expect(parsed).toEqual({
      options: {
        port: 8080,
        host: '127.0.0.1',
        profile: 'v1.0.7',
        control: false,
        faults: [],
        auth: 'basic',
        users: ['alice:secret', 'bob:secret2'],
        authReads: true,
        kindHost: 'w3id.org',
        log: 'json',
      },
    });
    for (const argv of [
      ['--auth', 'magic'],
      ['--log', 'loud'],
    ])
      expect(parseMockArgs(argv), argv.join(' ')).toHaveProperty('error');
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/eb-conform.js', 'mock', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts the mock, resolving its URL and a way to read what it prints after. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, ['bin/eb-conform.js', 'mock', '--port', '0', ...args], {
    cwd: root,
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += String(chunk)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (out.includes('\n')) resolve(out.split('\n')[0]!.trim());
    });
    child.on('exit', () => reject(new Error('exited early')));
  });
  return { child, url, output: () => out };
}

describe('eb-conform mock process', () => {
  it('refuses contradictory or impossible auth and kind host options with exit 2', async () => {
    for (const [args, message] of [
      [['--auth', 'basic'], 'at least one identity'],
      [['--token', 't', '--user', 'a:b'], 'users are for basic'],
      [['--kind-host', 'example.org'], 'kind host example.org'],
    ] as const) {
      const { code, stderr } = await runCli(['--port', '0', ...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain(message);
    }
  });

  it('logs a JSON line per request, with no credential in it', async () => {
    const { child, url, output } = startCli(['--user', 'alice:s3cret-pw', '--log', 'json']);
    const base = await url;
    const authorization = `Basic ${Buffer.from('alice:s3cret-pw').toString('base64')}`;
    expect(
      (await send(`${base}/health?key=s3cret-key`, { headers: { authorization } })).status,
    ).toBe(200);
    expect(
      (await send(`${base}/requests`, { body: {}, headers: { authorization: 'Basic eDp5' } }))
        .status,
    ).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const lines = output()
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line));
    expect(lines).toMatchObject([
      { method: 'GET', path: '/health', status: 200 },
      { method: 'POST', path: '/requests', status: 401 },
    ]);
    expect(typeof lines[0].ms).toBe('number');
    expect(output()).not.toMatch(/s3cret|eDp5|alice/);
  });

  it('exits 2 with a clear message on an unknown fault', async () => {
    const { code, stderr } = await runCli(['--port', '0', '--fault', 'no-expiry,teleport']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown fault: teleport');
  });

  it('prints its URL when ready and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['bin/eb-conform.js', 'mock', '--port', '0', '--profile', 'v1.0.5'],
      { cwd: root },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += String(chunk);
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', () => reject(new Error('exited early')));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await send(`${url}/offersets/none`)).status).toBe(404);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
