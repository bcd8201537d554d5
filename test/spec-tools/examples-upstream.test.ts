import { describe, expect, it } from 'vitest';
import { checkExamples } from '../../spec-tools/examples.ts';
import { HAS_UPSTREAM, V107, WD2025, WD2025_TEX } from './fixtures.ts';

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
  },
);
