import { describe, expect, it } from 'vitest';
import { formatLintText } from '../../spec-tools/lint-format.ts';
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

    it('prints the 2025 draft in at most 80 lines, naming every rule that fired', async () => {
      const report = await lintSpec(WD2025);
      const text = formatLintText(report);
      expect(text.split('\n').length).toBeLessThanOrEqual(80);
      for (const rule of Object.keys(report.byRule)) expect(text).toContain(`[${rule}]`);
      expect(text.match(/fix: write references with a JSON pointer/g)).toHaveLength(1);
    });

    it('folds the 2025 components that look unused only because the references to them are bare names', async () => {
      const report = await lintSpec(WD2025);
      const request = report.findings.find(
        (f) =>
          f.rule === 'component-unused' && f.file === 'types/offersets/offerset-request-1.0.yaml',
      );
      expect(request?.causedBy?.rule).toBe('ref-bare-name');
    });

    it.each([
      ['1.0.5', V105, 'types/session/simple-execution-session-1.0'],
      ['1.0.7', V107, 'kinds/session/simple-execution-session.yaml'],
      ['2025', WD2025, 'types/resources/data/S3-data-resource-1.0'],
    ])(
      'reports the kind URIs of %s that name missing schema files',
      async (_v, folder, missing) => {
        const report = await lintSpec(folder);
        const keys = findingsOf(report, 'discriminator-key-unresolved');
        expect(keys.map((f) => f.message)).toContainEqual(
          expect.stringContaining(`names ${missing}, which does not exist`),
        );
      },
    );

    it('says which file the 2025 S3 kind is really written in', async () => {
      const report = await lintSpec(WD2025);
      const [s3] = findingsOf(report, 'discriminator-key-unresolved');
      expect(s3?.line).toBe(338);
      expect(s3?.hint).toContain('types/resources/data/Amazon-S3-data-resource-1.0.yaml');
    });

    it.each([
      ['1.0.5', V105],
      ['1.0.7', V107],
    ])(
      'finds the singularity kind of %s mapped to a schema titled SingularContainer',
      async (_v, folder) => {
        const report = await lintSpec(folder);
        const [mismatch] = findingsOf(report, 'discriminator-key-mismatch');
        expect(mismatch?.message).toMatch(/singularity-container.* titled "SingularContainer"/);
        expect(mismatch?.causedBy?.rule).toBe('title-mismatch');
      },
    );
  },
);
