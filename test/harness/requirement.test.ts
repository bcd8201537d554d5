import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkProperty } from '../../suites/harness/property.ts';
import {
  ConformanceFailure,
  evidenceOf,
  expectCheck,
  fail,
} from '../../suites/harness/requirement.ts';
import { failureVerdict } from '../../contract/index.ts';

describe('verdicts of a failed check', () => {
  it('are FAIL for a MUST and WARN for anything weaker', () => {
    expect(failureVerdict('MUST')).toBe('FAIL');
    expect(failureVerdict('SHOULD')).toBe('WARN');
    expect(failureVerdict('MAY')).toBe('WARN');
    expect(failureVerdict('CONVENTION')).toBe('WARN');
  });
});

describe('failures', () => {
  it('carry their evidence: message, pointer and the exchanges named', () => {
    expect(evidenceOf('bad', { pointer: '/offers/0', exchanges: ['a', 'b'] })).toEqual({
      message: 'bad',
      pointer: '/offers/0',
      exchangeIds: ['a', 'b'],
    });
    expect(() => fail('no offers')).toThrow(ConformanceFailure);
    expect(() => expectCheck(false, 'nope')).toThrow('nope');
    expect(() => expectCheck(true, 'fine')).not.toThrow();
  });
});

describe('checkProperty', () => {
  beforeEach(() => {
    process.env.EB_SETTINGS = JSON.stringify({ target: 'http://127.0.0.1:9', seed: 99, runs: 100 });
  });
  afterEach(() => {
    delete process.env.EB_SETTINGS;
  });

  it('shrinks a failure and reports the smallest input with its seed and path', async () => {
    const failure = await checkProperty(fc.integer({ min: 0, max: 10_000 }), async (n) => {
      if (n >= 37) fail(`${n} is too big`, { exchanges: [] });
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConformanceFailure);
    const { evidence } = failure as ConformanceFailure;
    expect(evidence.counterexample).toBe(37);
    expect(evidence.message).toBe('37 is too big');
    expect(evidence.seed).toBe(99);
    expect(evidence.path).toMatch(/^\d+(:\d+)*$/);
  });

  it('passes quietly when every input holds', async () => {
    await expect(checkProperty(fc.boolean(), async () => undefined)).resolves.toBeUndefined();
  });

  it('turns an unexpected error into a plain error naming the input, not a conformance failure', async () => {
    const error = await checkProperty(fc.constant('x'), async () => {
      throw new TypeError('suite bug');
    }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ConformanceFailure);
    expect(String(error)).toMatch(/property errored on "x".*suite bug/);
  });
});
