// The Java reference implementation's defects (STANDARD.md section 6), all at once: the
// built-in broker with the `calycopis` fault preset is run through the CLI as a user would,
// and every defect must still be reported by its own requirement (FAIL for a MUST, WARN
// otherwise), even where another defect could hide it (e.g. overbooking defeats the tests that
// fill a time slot).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALYCOPIS_PRESET } from '../../mock/faults.ts';
import { expectedVerdict, faultRows } from '../../cli/fault-table.ts';
import type { RunResult } from '../../contract/result.ts';
import { runNode, type Finished } from './run-cli.ts';

/**
 * The defect -> requirement pairs of STANDARD.md section 6 and of the recorded traffic (no
 * options anywhere, storage sizes dropped); the preset must tie each one so.
 */
const DEFECTS: Record<string, string> = {
  'ignore-max': '/req/matching/cores-max',
  'memory-echoes-cores': '/req/matching/memory-min',
  'no-without-messages': '/req/offerset/no-has-messages',
  'no-expiry': '/req/expiry/offer-expires',
  'accept-after-expiry': '/req/expiry/expired-not-acceptable',
  overbook: '/req/capacity/never-exceeded',
  'silent-illegal-update': '/req/lifecycle/illegal-update-refused',
  'bare-errors': '/req/robustness/error-body',
  '5xx-on-bad-input': '/req/robustness/no-5xx',
  'no-options': '/req/lifecycle/options-offered',
  'storage-size-dropped': '/req/matching/storage-min',
};

describe('eb-conform run --fault calycopis reports every defect of the Java broker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eb-calycopis-'));
  let run: Finished;
  let report: RunResult;

  beforeAll(async () => {
    run = await runNode(
      [
        'bin/eb-conform.js',
        'run',
        '--fault',
        'calycopis',
        '--seed',
        '7',
        '--runs',
        '30',
        '--report-dir',
        dir,
        '--progress',
        'none',
      ],
      300_000,
    );
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunResult;
  }, 320_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with a non-conformant report', () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(report.outcome).toBe('non-conformant');
    expect(run.code).toBe(1);
  });

  it('the preset is exactly the defects of STANDARD.md section 6 and the recorded traffic', () => {
    expect([...CALYCOPIS_PRESET].sort()).toEqual(Object.keys(DEFECTS).sort());
  });

  for (const [defect, requirement] of Object.entries(DEFECTS)) {
    it(`${defect} is reported by ${requirement}`, () => {
      const row = faultRows(report, [defect])[0];
      expect(row?.requirement).toBe(requirement);
      const wanted = expectedVerdict(row?.level ?? 'MUST');
      expect(
        row?.verdict,
        `${requirement} (${row?.level}) came out ${row?.verdict}; wanted ${wanted}`,
      ).toBe(wanted);
    });
  }

  it('no requirement is ERROR: the harness held up against all defects at once', () => {
    expect(report.requirements.filter((r) => r.verdict === 'ERROR').map((r) => r.id)).toEqual([]);
  });
});
