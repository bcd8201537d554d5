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

describe('eb-conform mock process', () => {
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
