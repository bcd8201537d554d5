// The whole path against the reference broker: a run with a fault writes every report file,
// the JUnit file validates, an expectations file turns the gate green and flags a stale entry,
// and replay reproduces the failure from the stored report.

import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { runConformance } from '../../cli/conform/index.ts';
import { replayCommand } from '../../cli/replay.ts';
import { readReport } from '../../reports/json.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('a run against the reference broker with a fault', () => {
  it('writes every report, expectations make the gate green and flag a stale entry, replay reproduces', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eb-e2e-'));
    dirs.push(dir);
    const known = join(dir, 'known.yaml');
    await writeFile(
      known,
      [
        'expectations:',
        '  - requirement: /req/matching/cores-min',
        '    reason: offers one core fewer than asked (fault below-min)',
        '  - requirement: /req/matching/cores-max',
        '    reason: fixed long ago',
      ].join('\n'),
    );
    const reportDir = join(dir, 'report');
    const { result } = await runConformance({
      fault: ['below-min'],
      requirement: ['/req/matching/cores-min', '/req/matching/cores-max'],
      seed: 3,
      runs: 10,
      reportDir,
      expect: known,
    });

    const byId = new Map(result.requirements.map((req) => [req.id, req]));
    expect(byId.get('/req/matching/cores-min')?.verdict).toBe('FAIL');
    expect(byId.get('/req/matching/cores-min')?.expected?.stale).toBe(false);
    expect(byId.get('/req/matching/cores-max')?.expected?.stale).toBe(true);
    expect(result.outcome).toBe('conformant');

    const files = await readdir(reportDir);
    for (const name of ['report.json', 'junit.xml', 'summary.md', 'report.html', 'exchanges.har']) {
      expect(files).toContain(name);
    }
    const junit = await validateXML({
      xml: [
        { fileName: 'junit.xml', contents: await readFile(join(reportDir, 'junit.xml'), 'utf8') },
      ],
      schema: [
        {
          fileName: 'junit.xsd',
          contents: await readFile(new URL('../../reports/junit.xsd', import.meta.url), 'utf8'),
        },
      ],
    });
    expect(junit.errors).toEqual([]);
    expect(readReport(join(reportDir, 'report.json')).outcome).toBe('conformant');
    expect(await readFile(join(reportDir, 'summary.md'), 'utf8')).toContain(
      '### Stale expectations (1)',
    );
    expect(await readFile(join(reportDir, 'report.html'), 'utf8')).toContain('id="timeline-chart"');

    const lines: string[] = [];
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      expect(
        await replayCommand([join(reportDir, 'report.json'), '/req/matching/cores-min', '--quiet']),
      ).toBe(1);
    } finally {
      log.mockRestore();
    }
    expect(lines.join('\n')).toContain('verdict now: FAIL (recorded FAIL)');
  });
});
