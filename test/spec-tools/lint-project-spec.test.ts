import { describe, expect, it } from 'vitest';
import { lintSpec } from '../../spec-tools/lint.ts';
import { PROJECT_SPEC } from './fixtures.ts';

describe('spec lint on the project spec', () => {
  it('finds no errors in spec/execution-broker.yaml', async () => {
    const report = await lintSpec(PROJECT_SPEC);
    const errors = report.findings.filter((finding) => finding.severity === 'error');
    expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
  });
});
