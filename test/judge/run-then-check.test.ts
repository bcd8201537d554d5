// `check` on a run's own history gives the same verdicts as the run, for what the history bears
// on: the faults that the history rules catch live are caught offline too.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../contract/result.ts';
import { runNode } from '../proof/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'eb-run-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runThenCheck(
  requirement: string,
  faults: string[],
  name: string,
  seed = 5,
  runs = 10,
) {
  const runDir = join(dir, `${name}-run`);
  const checkDir = join(dir, `${name}-check`);
  const run = await runNode(
    [
      'bin/eb-conform.js',
      'run',
      '--requirement',
      requirement,
      ...faults.flatMap((f) => ['--fault', f]),
      '--seed',
      String(seed),
      '--runs',
      String(runs),
      '--report-dir',
      runDir,
      '--progress',
      'none',
    ],
    240_000,
  );
  const check = await runNode(
    ['bin/eb-conform.js', 'check', join(runDir, 'history.ndjson'), '--report-dir', checkDir],
    60_000,
  );
  const verdict = (file: string) =>
    (JSON.parse(readFileSync(file, 'utf8')) as RunResult).requirements.find(
      (r) => r.id === requirement,
    )?.verdict;
  return {
    run,
    check,
    live: verdict(join(runDir, 'report.json')),
    offline: verdict(join(checkDir, 'report.json')),
  };
}

describe('a run, then check on its history', () => {
  it('no-options: both say the options requirement is broken', async () => {
    const seen = await runThenCheck('/req/lifecycle/options-offered', ['no-options'], 'no-options');
    expect(seen.live).toBe('WARN');
    expect(seen.offline).toBe('WARN');
    expect(seen.check.stdout).toMatch(/^WARN\s+CONVENTION\s+\/req\/lifecycle\/options-offered$/m);
  }, 300_000);

  it('accept-after-expiry: check fails the accept after expiry as the run does', async () => {
    // With this seed the model run fails and leaves its shrunk history: create, wait past the
    // expiry, accept; nobody ever reads the offer EXPIRED.
    const seen = await runThenCheck(
      '/req/expiry/expired-not-acceptable',
      ['accept-after-expiry'],
      'expiry',
      2,
      40,
    );
    expect(seen.live).toBe('FAIL');
    expect(seen.offline).toBe('FAIL');
    expect(seen.check.code).toBe(1);
  }, 300_000);

  it('no-expiry: the shared expiry observation is in the history, and check fails it too', async () => {
    const seen = await runThenCheck('/req/expiry/offer-expires', ['no-expiry'], 'no-expiry');
    expect(seen.live).toBe('FAIL');
    expect(seen.offline).toBe('FAIL');
    // Nothing else in that history is called broken: no double-counted or mixed-up sessions.
    const bad = (
      JSON.parse(readFileSync(join(dir, 'no-expiry-check', 'report.json'), 'utf8')) as RunResult
    ).requirements
      .filter((r) => r.verdict === 'FAIL' || r.verdict === 'WARN')
      .map((r) => r.id);
    expect(bad.filter((id) => !id.startsWith('/req/expiry/'))).toEqual([]);
  }, 300_000);

  it('a clean broker: both pass what the history bears on', async () => {
    const seen = await runThenCheck('/req/lifecycle/options-offered', [], 'clean');
    expect(seen.live).toBe('PASS');
    expect(seen.offline).toBe('PASS');
    expect(seen.check.code).toBe(0);
  }, 300_000);
});
