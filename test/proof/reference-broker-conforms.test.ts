// The suite against the reference broker: every requirement a test checks must come out
// without a FAIL or ERROR, and every checked MUST requirement must PASS. A failure here means
// either the broker or the suite is wrong, and the report says which requirement.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../contract/result.ts';
import { runNode, type Finished } from './run-cli.ts';

describe('eb-conform run against the built-in reference broker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eb-proof-'));
  let run: Finished;
  let report: RunResult;

  beforeAll(async () => {
    run = await runNode(
      ['bin/eb-conform.js', 'run', '--seed', '11', '--report-dir', dir, '--progress', 'none'],
      300_000,
    );
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunResult;
  }, 320_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and reports the run as conformant', () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(report.outcome).toBe('conformant');
    expect(run.code).toBe(0);
  });

  it('has no FAIL or ERROR anywhere', () => {
    const bad = report.requirements
      .filter((r) => r.verdict === 'FAIL' || r.verdict === 'ERROR')
      .map(
        (r) => `${r.id}: ${r.cases.flatMap((c) => c.evidence.map((e) => e.message)).join(' | ')}`,
      );
    expect(bad).toEqual([]);
  });

  it('passes every MUST requirement that a test checks', () => {
    const must = report.requirements.filter((r) => r.level === 'MUST' && r.checkedBy.length > 0);
    expect(must.length).toBeGreaterThan(20);
    expect(must.filter((r) => r.verdict !== 'PASS').map((r) => `${r.id} ${r.verdict}`)).toEqual([]);
  });

  it('records the seed, the coverage and the exchanges that back the verdicts', () => {
    expect(report.seed).toBe(11);
    expect(report.coverage.total).toBeGreaterThan(50);
    expect(report.exchanges.length).toBeGreaterThan(100);
    expect(
      report.exchanges.every(
        (x) => typeof x.id === 'string' && x.request.url.startsWith('http://127.0.0.1:'),
      ),
    ).toBe(true);
  });
});
