import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createValidator } from '../../spec/index.ts';
import { invalidReasons } from '../../suites/arbitraries/classify.ts';
import { computeArbitrary } from '../../suites/arbitraries/compute.ts';
import { dataArbitrary, DATA_KINDS } from '../../suites/arbitraries/data.ts';
import { executableArbitrary } from '../../suites/arbitraries/executable.ts';
import { fakeDocument } from '../../suites/arbitraries/faker.ts';
import { requestArbitrary } from '../../suites/arbitraries/request.ts';
import { scheduleArbitrary } from '../../suites/arbitraries/schedule.ts';
import { storageArbitrary } from '../../suites/arbitraries/storage.ts';
import { volumeArbitrary } from '../../suites/arbitraries/volume.ts';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const validator = createValidator({ profile: 'v1.0.7' });

describe('request generators', () => {
  it('valid requests validate against the ExecutionRequest schema and are never classified invalid', () => {
    fc.assert(
      fc.property(requestArbitrary({ now: NOW }), (request) => {
        const { issues } = validator.validate('ExecutionRequest', request);
        expect(issues).toEqual([]);
        expect(invalidReasons(request, NOW)).toEqual([]);
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('v1.0.5 requests carry v1.0.5 kind URIs', () => {
    const [request] = fc.sample(requestArbitrary({ now: NOW, profile: 'v1.0.5' }), {
      numRuns: 1,
      seed: 2,
    });
    expect(String((request?.compute as { kind?: unknown }).kind)).toMatch(
      /\/EB\/schema\/v1\.0\/types\//,
    );
  });

  it('edge requests include cases no broker may say YES to, and the reasons name them', () => {
    const samples = fc.sample(requestArbitrary({ now: NOW, shape: 'edge', schedule: 'always' }), {
      numRuns: 300,
      seed: 9,
    });
    const reasons = samples.flatMap((request) => invalidReasons(request, NOW));
    expect(reasons.some((r) => /min .* > max/.test(r))).toBe(true);
    expect(reasons.some((r) => /wholly in the past/.test(r))).toBe(true);
    expect(reasons.some((r) => /not a positive duration/.test(r))).toBe(true);
  });

  it('shrink a failing request to a small counterexample without help', () => {
    const details = fc.check(
      fc.property(requestArbitrary({ now: NOW }), (request) => {
        const cores = (request.compute as { cores?: { min?: number } }).cores?.min ?? 1;
        return cores < 3;
      }),
      { seed: 4, numRuns: 500 },
    );
    expect(details.failed).toBe(true);
    const [smallest] = details.counterexample ?? [];
    expect((smallest?.compute as { cores?: { min?: number } }).cores?.min).toBe(3);
    expect(smallest?.storage).toBeUndefined();
    expect(smallest?.data).toBeUndefined();
  });
});

describe('part generators honour their constraints', () => {
  it('compute stays within maxCores and maxMemory when valid', () => {
    fc.assert(
      fc.property(computeArbitrary({ maxCores: 3, maxMemory: 5 }), (compute) => {
        const cores = compute.cores as { min: number; max?: number } | undefined;
        const memory = compute.memory as { min: number; max?: number } | undefined;
        if (cores !== undefined) expect(Math.max(cores.min, cores.max ?? 0)).toBeLessThanOrEqual(3);
        if (memory !== undefined)
          expect(Math.max(memory.min, memory.max ?? 0)).toBeLessThanOrEqual(5);
      }),
      { seed: 3 },
    );
  });

  it('executables cover every known kind and, when asked, unknown ones', () => {
    const kinds = new Set(
      fc
        .sample(executableArbitrary({ unknownKinds: true }), { numRuns: 200, seed: 1 })
        .map((e) => String(e.kind)),
    );
    expect([...kinds].some((k) => k.endsWith('docker-container.yaml'))).toBe(true);
    expect([...kinds].some((k) => k.endsWith('jupyter-notebook.yaml'))).toBe(true);
    expect([...kinds].some((k) => k.endsWith('singularity-container.yaml'))).toBe(true);
    expect([...kinds].some((k) => k.startsWith('urn:') || k.includes('example.org'))).toBe(true);
  });

  it('data resources cover every data kind', () => {
    const kinds = new Set(
      fc.sample(dataArbitrary({ name: 'd' }), { numRuns: 200, seed: 1 }).map((d) => String(d.kind)),
    );
    expect(kinds.size).toBe(DATA_KINDS.length);
  });

  it('volumes only mount the resources they are given', () => {
    fc.assert(
      fc.property(volumeArbitrary({ resources: ['a', 'b'] }), (volume) => {
        expect(['a', 'b']).toContain(volume.resource);
      }),
      { seed: 1 },
    );
  });

  it('storage keeps its name and a positive size when valid', () => {
    fc.assert(
      fc.property(storageArbitrary({ name: 'scratch', maxSize: 10 }), (storage) => {
        expect(storage.meta).toEqual({ name: 'scratch' });
        expect((storage.size as { min: number }).min).toBeGreaterThan(0);
      }),
      { seed: 1 },
    );
  });

  it('valid schedules open in the future, in both interval forms', () => {
    const starts = fc
      .sample(scheduleArbitrary({ now: NOW }), { numRuns: 200, seed: 1 })
      .map((s) => (s.requested as { start?: string }).start);
    const given = starts.filter((s): s is string => s !== undefined);
    expect(given.some((s) => /Z\/\d{4}-/.test(s))).toBe(true);
    expect(given.some((s) => /Z\/PT/.test(s))).toBe(true);
    expect(given.every((s) => Date.parse(s.split('/')[0] ?? '') > NOW)).toBe(true);
  });
});

describe('json-schema-faker bodies', () => {
  it('are ExecutionRequest-shaped objects (the generated document itself is the counterexample, so no replay is needed)', () => {
    const allowed = new Set([
      'kind',
      'meta',
      'executable',
      'compute',
      'storage',
      'data',
      'schedule',
      'costs',
      'metrics',
      'unfakeable',
    ]);
    for (const seed of [1, 2, 3]) {
      const body = fakeDocument(seed);
      expect(typeof body).toBe('object');
      expect(Object.keys(body).filter((key) => !allowed.has(key))).toEqual([]);
    }
  });
});
