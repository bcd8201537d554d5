import { describe, expect, it } from 'vitest';
import { checkExamples } from '../../spec-tools/examples.ts';
import { formatExamplesText } from '../../spec-tools/examples/format.ts';
import { HAS_UPSTREAM, UPSTREAM, V105, V107, WD2025, WD2025_TEX } from './fixtures.ts';

describe.skipIf(!HAS_UPSTREAM)(
  'spec examples on the IVOA document (skipped: ../shared/upstream absent)',
  () => {
    it('reads every listing of ExecutionBroker.tex without crashing and sorts them by verdict', async () => {
      const { summary, examples } = await checkExamples([WD2025_TEX], { spec: WD2025 });
      expect(summary.total).toBe(73);
      expect(summary.incomplete).toBeGreaterThan(40);
      expect(summary['not-a-document']).toBeGreaterThan(5);
      // The response listing at line 1150 is not valid YAML (a nested mapping on a list item).
      expect(examples.find((example) => example.line === 1151)?.verdict).toBe('unparseable');
    });

    it('finds the `state`/`status` the prose uses where the 2025 schema says `phase`', async () => {
      const { examples } = await checkExamples([WD2025_TEX], { spec: WD2025 });
      const offerSet = examples.find((example) => example.line === 715);
      expect(offerSet?.warnings.map((warning) => warning.pointer)).toEqual([
        '/offers/0/state',
        '/offers/1/status',
      ]);
    });

    it('finds that the prose uses short type URIs the 2025 schema does not map', async () => {
      const { examples } = await checkExamples([WD2025_TEX], { spec: WD2025 });
      const notebook = examples.find((example) => example.line === 1059);
      expect(notebook?.verdict).toBe('invalid');
      expect(notebook?.errors[0]?.pointer).toBe('/executable/type');
    });

    it('validates the same listings against 1.0.7, which wants `kind` where the prose writes `type`', async () => {
      const { examples } = await checkExamples([WD2025_TEX], { spec: V107 });
      const notebook = examples.find((example) => example.line === 1059);
      expect(notebook?.verdict).toBe('invalid');
      expect(notebook?.errors).toContainEqual(
        expect.objectContaining({
          pointer: '/executable/kind',
          message: 'is required but missing',
        }),
      );
    });

    it('checks the draft against wd-2025 without being told, and names the listings by file and line', async () => {
      const report = await checkExamples([WD2025_TEX]);
      expect(report.profile).toBe('wd-2025');
      expect(report.profileReason).toMatch(/given as "type", as the 2025 draft does/);
      expect(report.examples.every((example) => example.file === 'ExecutionBroker.tex')).toBe(true);
      const text = formatExamplesText(report);
      expect(text).not.toContain('is not a property of');
      expect(text.split('\n').length).toBeLessThanOrEqual(40);
      expect(text).toContain('at ExecutionBroker.tex:1063, ExecutionBroker.tex:1077');
    });

    it.each([
      ['1.0.5', V105, 'v1.0.5'],
      ['1.0.7', V107, 'v1.0.7'],
      ['2025', WD2025, 'wd-2025'],
    ])(
      'reads the %s schema folder and picks its profile from its kind URIs',
      async (_v, folder, profile) => {
        const report = await checkExamples([folder]);
        expect(report.profile).toBe(profile);
        expect(report.profileReason).toMatch(/kind URIs? of/);
      },
    );

    it('reads the whole 2025 folder, draft and schema, as wd-2025', async () => {
      const report = await checkExamples([`${UPSTREAM}/ivoa-std-2025`]);
      expect(report.profile).toBe('wd-2025');
      expect(report.summary.total).toBe(73);
    });
  },
);
