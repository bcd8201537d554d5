import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initCommand } from '../../cli/init.ts';
import { startMockBroker } from '../../mock/index.ts';
import { loadDeclaration } from '../../suites/harness/declaration.ts';
import { firstContact } from '../../suites/runner/first-contact.ts';

const dir = mkdtempSync(join(tmpdir(), 'eb-init-'));
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
  rmSync(dir, { recursive: true, force: true });
});

async function broker(options: Parameters<typeof startMockBroker>[0] = {}): Promise<string> {
  const started = await startMockBroker({ port: 0, host: '127.0.0.1', ...options });
  closers.push(() => started.close());
  return started.url;
}

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function init(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    return { code: await initCommand(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('eb-conform init', () => {
  let url = '';
  beforeAll(async () => {
    url = await broker({ config: { offerLifetime: 'PT2M' } });
  });

  it('writes a commented declaration that run --declare loads, with TODO lines for capacity', async () => {
    const file = join(dir, 'broker.yaml');
    const result = await init(['--target', url, '--out', file]);
    expect(result.code, result.err).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/# GET \/requests exists.*\nprofile: v1\.0\.7/);
    expect(text).toMatch(/# a sample offer expired 120 s after .*\nofferLifetime: PT2M/);
    expect(text).toMatch(/direct: true/);
    expect(text).toMatch(/# TODO capacity/);
    expect(loadDeclaration(file)).toMatchObject({
      profile: 'v1.0.7',
      offerLifetime: 'PT2M',
      direct: true,
      controlClock: false,
      expiryGrace: 'PT10S',
    });
    expect(result.out).toContain(`next: eb-conform run --target ${url} --declare ${file}`);
  });

  it('finds the older wire profile and a control clock', async () => {
    const older = await broker({ profile: 'v1.0.5', clock: 'virtual', control: true });
    const file = join(dir, 'older.yaml');
    expect((await init(['--target', older, '--out', file])).code).toBe(0);
    expect(loadDeclaration(file)).toMatchObject({ profile: 'v1.0.5', controlClock: true });
  });

  it('says when writes need credentials instead of guessing a lifetime', async () => {
    const closed = await broker({ token: 'sesame' });
    const file = join(dir, 'closed.yaml');
    const result = await init(['--target', closed, '--out', file]);
    expect(result.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/auth: bearer/);
    expect(text).toMatch(/TODO writes need credentials/);
    expect(text).not.toMatch(/offerLifetime/);
  });

  it('refuses to overwrite, needs a target, and exits 3 for what is not a broker', async () => {
    const file = join(dir, 'exists.yaml');
    writeFileSync(file, 'profile: v1.0.7\n');
    expect((await init(['--target', url, '--out', file])).code).toBe(2);
    expect((await init(['--out', file])).code).toBe(2);
    const page = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>hello</body></html>');
    });
    const result = await init(['--target', page, '--out', join(dir, 'page.yaml')]);
    expect(result.code).toBe(3);
    expect(result.err).toContain('is not an ExecutionBroker: every answer is an HTML page');
  });
});

describe('the first look at a target', () => {
  it('knows a broker and its profile without creating anything', async () => {
    const url = await broker();
    const contact = await firstContact(url, 2000);
    expect(contact).toMatchObject({ reachable: true, broker: true, profile: 'v1.0.7' });
    expect(contact.exchanges.every((e) => e.request.method !== 'POST')).toBe(true);
  });

  it('asks OPTIONS before calling a create path missing, since routers 404 a GET on POST routes', async () => {
    const url = await serve((req, res) => {
      const known = req.url === '/requests' && req.method === 'OPTIONS';
      res.writeHead(
        known ? 204 : 404,
        known ? { allow: 'POST' } : { 'content-type': 'application/json' },
      );
      res.end(known ? '' : '{"error":"not found"}');
    });
    expect(await firstContact(url, 2000)).toMatchObject({ broker: true, profile: 'v1.0.7' });
  });

  it('says why a target is not a broker, or not there', async () => {
    const json404 = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{}');
    });
    const contact = await firstContact(json404, 2000);
    expect(contact.broker).toBe(false);
    expect(contact.problem).toMatch(/neither create path exists/);
    const gone = await firstContact('http://127.0.0.1:9', 2000);
    expect(gone).toMatchObject({ reachable: false, broker: false });
    expect(gone.problem).toMatch(/did not answer/);
  });
});
