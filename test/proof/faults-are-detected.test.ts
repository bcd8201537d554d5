// The suite has teeth: with each named fault of the reference broker switched on, the tests of
// the requirement that fault breaks must FAIL it (MUST) or WARN about it (SHOULD, MAY,
// CONVENTION). Runs the fault-table script once, in a child process, then checks each row.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS } from '../../mock/faults.ts';
import { discoverTests } from '../../suites/runner/discover.ts';
import { expectedVerdict, type FaultRow, type FaultTables } from '../../cli/fault-table.ts';
import { runNode } from './run-cli.ts';

const tested = new Set(discoverTests().flatMap((t) => t.requirements));

describe('every named fault of the reference broker is detected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eb-faults-'));
  const rows = new Map<string, FaultRow>();

  beforeAll(async () => {
    const file = join(dir, 'faults.json');
    const run = await runNode(
      [
        'bin/run-ts.js',
        'cli/fault-table.ts',
        '--json',
        file,
        '--no-docs',
        '--no-preset',
        '--runs',
        '30',
      ],
      900_000,
    );
    expect(run.code, run.stderr).toBe(0);
    for (const row of (JSON.parse(readFileSync(file, 'utf8')) as FaultTables).faults)
      rows.set(row.fault, row);
  }, 920_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const fault of FAULTS) {
    it(`${fault.name} makes ${fault.requirement} fail or warn`, () => {
      // A fault whose requirement no conformance file checks is undetectable: that is a gap in
      // the suite, so it fails here rather than being skipped.
      expect(tested.has(fault.requirement), `no conformance test checks ${fault.requirement}`).toBe(
        true,
      );
      const row = rows.get(fault.name);
      expect(row, `no result for ${fault.name}`).toBeDefined();
      const wanted = expectedVerdict(row?.level ?? 'MUST');
      expect([wanted, 'FAIL']).toContain(row?.verdict);
      expect(row?.detected).toBe(true);
    });
  }
});
