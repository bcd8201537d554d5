import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultReportDir, renderReport, writeReports } from '../../reports/index.ts';
import { fixture, recorded, runWith } from './fixtures.ts';

const dirs: string[] = [];
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'eb-write-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('writeReports', () => {
  it('writes every report file of a failing run and returns their paths', async () => {
    const dir = join(await scratch(), 'nested', 'run');
    const written = await writeReports(fixture('failing-run'), dir);
    expect(written.map((path) => path.slice(dir.length + 1))).toEqual([
      'report.json',
      'junit.xml',
      'summary.md',
      'report.html',
      'exchanges.har',
      'history.ndjson',
    ]);
    // No history was recorded: the file is still there, and empty.
    expect(await readFile(join(dir, 'history.ndjson'), 'utf8')).toBe('');
    expect((await readdir(dir)).sort()).toEqual([
      'exchanges.har',
      'history.ndjson',
      'junit.xml',
      'report.html',
      'report.json',
      'summary.md',
    ]);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain(
      `eb-conform replay ${join(dir, 'report.json')}`,
    );
  });

  it('copies the run history when there is one', async () => {
    const root = await scratch();
    const history = join(root, 'history');
    await mkdir(history);
    await writeFile(join(history, 'b.ndjson'), '{"n":2}\n');
    await writeFile(join(history, 'a.ndjson'), '{"n":1}');
    const dir = join(root, 'out');
    const written = await writeReports(fixture('passing-run'), dir, { history });
    expect(written).toContain(join(dir, 'history.ndjson'));
    expect(await readFile(join(dir, 'history.ndjson'), 'utf8')).toBe('{"n":1}\n{"n":2}\n');
  });

  it('keeps secrets out of every file it writes', async () => {
    const dir = await scratch();
    await writeReports(fixture('failing-run'), dir);
    for (const name of await readdir(dir)) {
      const text = await readFile(join(dir, name), 'utf8');
      expect(text, name).not.toContain('s3cr3t-token');
      expect(text, name).not.toContain('sid=abc');
    }
  });

  it('writes a report for a run that reached nothing', async () => {
    const run = {
      ...fixture('passing-run'),
      outcome: 'unreachable' as const,
      exitCode: 2 as const,
      requirements: [],
      classes: [],
      exchanges: [],
      timeline: [],
    };
    delete (run as { capacity?: unknown }).capacity;
    const dir = await scratch();
    expect(await writeReports(run, dir)).toHaveLength(6);
    expect(await readFile(join(dir, 'history.ndjson'), 'utf8')).toBe('');
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('TARGET UNREACHABLE');
  });

  it('does not change the result it was given', async () => {
    const run = fixture('failing-run');
    const before = JSON.stringify(run);
    await writeReports(run, await scratch());
    expect(JSON.stringify(run)).toBe(before);
  });

  it('renders each format on demand', () => {
    const run = fixture('passing-run');
    expect(renderReport(run, 'junit')).toMatch(/^<\?xml/);
    expect(renderReport(run, 'html')).toMatch(/^<!DOCTYPE html>/);
    expect(JSON.parse(renderReport(run, 'json'))).toEqual(run);
  });
});

describe('report size', () => {
  async function dirBytes(dir: string): Promise<number> {
    const names = await readdir(dir);
    const sizes = await Promise.all(names.map(async (name) => (await stat(join(dir, name))).size));
    return sizes.reduce((a, b) => a + b, 0);
  }

  // What a default run records: 2000 exchanges, most a few KB, some bodies of 77 KB.
  const heavy = () =>
    runWith(
      Array.from({ length: 2000 }, (_, n) =>
        recorded(n, { size: n % 40 === 0 ? 77_000 : 1500 + (n % 7) * 400 }),
      ),
    );

  it("keeps a passing run's whole report directory under 2 MB by default", async () => {
    const run = heavy();
    const full = JSON.stringify(run.exchanges).length;
    expect(full).toBeGreaterThan(6_000_000);
    const dir = await scratch();
    await writeReports(run, dir);
    expect(await dirBytes(dir)).toBeLessThan(2 * 1024 * 1024);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as {
      exchanges: unknown[];
    };
    const har = JSON.parse(await readFile(join(dir, 'exchanges.har'), 'utf8')) as {
      log: { comment: string; entries: unknown[] };
    };
    expect(report.exchanges.length).toBe(har.log.entries.length);
    expect(har.log.comment).toMatch(/Of 2000 recorded exchanges.*--har full/);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('--har full');
  });

  it('keeps every exchange with har: full', async () => {
    const dir = await scratch();
    await writeReports(heavy(), dir, { har: 'full' });
    const har = JSON.parse(await readFile(join(dir, 'exchanges.har'), 'utf8')) as {
      log: { entries: unknown[] };
    };
    expect(har.log.entries).toHaveLength(2000);
    expect(await dirBytes(dir)).toBeGreaterThan(6_000_000);
  });
});

describe('defaultReportDir', () => {
  it('names the folder after the target host and the start time, outside the source tree', () => {
    const at = new Date('2026-11-23T19:05:07.123Z');
    expect(defaultReportDir('https://broker.example.org:8443/eb', at)).toBe(
      join('eb-conform-reports', 'broker.example.org-8443-20261123T190507Z'),
    );
    expect(defaultReportDir('not a url', at, 'out')).toBe(join('out', 'target-20261123T190507Z'));
  });

  it('names the built-in broker without its random port, as the run passes it', () => {
    const at = new Date('2026-11-23T19:05:07Z');
    expect(defaultReportDir('http://built-in', at)).toBe(
      join('eb-conform-reports', 'built-in-20261123T190507Z'),
    );
  });
});
