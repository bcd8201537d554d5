import { describe, expect, it } from 'vitest';
import { lintSpec } from '../../spec-tools/lint.ts';
import type { LintReport } from '../../spec-tools/lint.ts';
import { HAS_UPSTREAM, V105, V107, WD2025 } from './fixtures.ts';

function findingsOf(report: LintReport, rule: string, file?: string) {
  return report.findings.filter(
    (finding) => finding.rule === rule && (file === undefined || finding.file === file),
  );
}

describe.skipIf(!HAS_UPSTREAM)(
  'spec lint on the upstream versions (skipped: ../shared/upstream absent)',
  () => {
    it('finds the bare-name references of the 2025 draft, with the reference each one meant', async () => {
      const report = await lintSpec(WD2025);
      const bare = findingsOf(report, 'ref-bare-name', 'openapi.yaml');
      expect(bare.length).toBeGreaterThan(50);
      const offerSetRequest = bare.find((finding) => finding.message.includes('"OfferSetRequest"'));
      expect(offerSetRequest?.line).toBe(49);
      expect(offerSetRequest?.hint).toContain("'#/components/schemas/OfferSetRequest'");
    });

    it('finds the unbalanced quote in the 2025 offerset request file', async () => {
      const report = await lintSpec(WD2025);
      const [malformed] = findingsOf(report, 'ref-malformed');
      expect(malformed?.file).toBe('types/offersets/offerset-request-1.0.yaml');
      expect(malformed?.message).toContain("ScheduleRequestBlock'");
    });

    it('finds that the 2025 session requires `state` but defines `phase`', async () => {
      const report = await lintSpec(WD2025);
      const state = findingsOf(report, 'required-undefined', 'openapi.yaml').find((f) =>
        f.message.startsWith('"state"'),
      );
      expect(state?.line).toBe(820);
      expect(state?.hint).toContain('"phase"');
    });

    it.each([
      ['1.0.5', V105, 'components/utils.yaml'],
      ['1.0.7', V107, 'utils.yaml'],
      ['2025', WD2025, 'components/utils.yaml'],
    ])(
      'finds the atomic-group pattern of %s and exits with errors',
      async (_version, folder, utils) => {
        const report = await lintSpec(folder);
        const patterns = findingsOf(report, 'pattern-js-incompatible', utils);
        expect(patterns.length).toBe(1);
        expect(patterns[0]?.message).toContain('(?>...)');
        expect(report.counts.error).toBeGreaterThan(0);
      },
    );

    it('finds the drift between session and component phases, and the non-standard url format, in 1.0.7', async () => {
      const report = await lintSpec(V107);
      expect(findingsOf(report, 'enum-drift')[0]?.message).toContain('INITIALIZING');
      expect(findingsOf(report, 'format-non-standard', 'execution-broker.yaml').length).toBe(2);
      expect(findingsOf(report, 'title-mismatch').map((f) => f.message)).toContain(
        'schema SingularityContainer has title "SingularContainer"',
      );
    });

    it('lints a single root file by following its references', async () => {
      const report = await lintSpec(`${V107}/execution-broker.yaml`);
      expect(report.files.length).toBeGreaterThan(10);
      expect(findingsOf(report, 'pattern-js-incompatible').length).toBe(1);
    });
  },
);
