import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../suites/harness/catalogue.ts';
import { collect } from '../../suites/runner/collect.ts';
import { worstVerdict } from '../../contract/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'eb-collect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(stream: string, lines: unknown[]): void {
  mkdirSync(join(dir, stream), { recursive: true });
  writeFileSync(
    join(dir, stream, 'w1.ndjson'),
    `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{"torn`,
  );
}

describe('worstVerdict', () => {
  it('orders ERROR > FAIL > WARN > INCONCLUSIVE > PASS > NOT_APPLICABLE', () => {
    expect(worstVerdict(['PASS', 'NOT_APPLICABLE'])).toBe('PASS');
    expect(worstVerdict(['PASS', 'WARN', 'INCONCLUSIVE'])).toBe('WARN');
    // One order for everything (contract/verdicts.ts): a proven FAIL is the news.
    expect(worstVerdict(['FAIL', 'ERROR'])).toBe('FAIL');
    expect(worstVerdict([])).toBeUndefined();
  });
});

describe('collect', () => {
  it('folds cases, ambient findings and unrecorded errors into requirement results', () => {
    const exchange = {
      id: 'w1-x1',
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1,
      request: { method: 'GET', url: 'http://x', headers: {} },
    };
    write('exchanges', [exchange]);
    write('cases', [
      {
        requirement: '/req/matching/cores-min',
        file: 'f.test.ts',
        name: 'cores',
        verdict: 'PASS',
        evidence: [],
        durationMs: 5,
        generated: 50,
      },
      {
        requirement: '/req/matching/cores-max',
        file: 'g.test.ts',
        name: 'max',
        verdict: 'WARN',
        evidence: [{ message: 'too many', exchangeIds: ['w1-x1'] }],
        durationMs: 5,
      },
    ]);
    write('ambient', [
      {
        requirement: '/req/schema/kind-known',
        exchangeId: 'w1-x1',
        ok: false,
        message: 'odd kind',
        pointer: '/kind',
      },
    ]);
    write('timeline', [
      { session: 's1', phase: 'OFFERED', at: '2026-01-01T00:00:00.000Z' },
      { session: 's1', phase: 'OFFERED', at: '2026-01-01T00:00:01.000Z' },
      { session: 's1', phase: 'REJECTED', at: '2026-01-01T00:00:02.000Z' },
    ]);
    const selected = catalogue().filter(
      (r) =>
        r.class === 'matching' || r.class === 'schema' || r.id === '/req/offerset/not-idempotent',
    );
    const result = collect({
      runDir: dir,
      selected,
      tests: [
        { file: 'f.test.ts', requirements: ['/req/matching/cores-min'], observes: [] },
        { file: 'h.test.ts', requirements: ['/req/matching/one-slot'], observes: [] },
      ],
      notTestable: { '/req/offerset/not-idempotent': 'a permission' },
      unrecorded: [
        {
          file: 'h.test.ts',
          name: 'loading the test file',
          requirements: ['/req/matching/one-slot'],
          state: 'failed',
          message: 'SyntaxError',
        },
      ],
    });
    const by = new Map(result.requirements.map((r) => [r.id, r]));
    expect(by.get('/req/matching/cores-min')?.verdict).toBe('PASS');
    expect(by.get('/req/matching/cores-min')?.checkedBy).toEqual(['f.test.ts']);
    expect(by.get('/req/matching/cores-max')?.verdict).toBe('WARN');
    expect(by.get('/req/matching/one-slot')?.verdict).toBe('ERROR');
    expect(by.get('/req/schema/kind-known')?.verdict).toBe('FAIL');
    expect(by.get('/req/schema/kind-known')?.cases[0]?.evidence[0]).toEqual({
      message: 'odd kind',
      exchangeIds: ['w1-x1'],
      pointer: '/kind',
    });
    expect(by.get('/req/offerset/not-idempotent')?.verdict).toBe('NOT_APPLICABLE');
    expect(result.generated).toBe(50);
    expect(result.exchanges.map((x) => x.id)).toEqual(['w1-x1']);
    expect(result.timeline).toEqual([
      {
        sessionUuid: 's1',
        requestedWindows: [],
        phases: [
          { phase: 'OFFERED', at: '2026-01-01T00:00:00.000Z' },
          { phase: 'REJECTED', at: '2026-01-01T00:00:02.000Z' },
        ],
      },
    ]);
    expect(result.classes.find((c) => c.name === 'matching')?.verdict).toBe('ERROR');
    expect(result.coverage.total).toBe(catalogue().length);
  });
});
