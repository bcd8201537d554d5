import { describe, expect, it } from 'vitest';
import {
  compareVerdicts,
  gateOutcome,
  isUnchecked,
  VERDICT_ORDER,
  worstVerdict,
} from '../../contract/index.ts';
import type { Level, RequirementResult, Verdict } from '../../contract/result.ts';

function req(verdict: Verdict, level: Level = 'MUST', expected?: boolean): RequirementResult {
  return {
    id: `/req/x/${verdict.toLowerCase()}-${level.toLowerCase()}`,
    class: 'x',
    level,
    source: 'project',
    statement: 's',
    verdict,
    cases: [],
    checkedBy: [],
    ...(expected === undefined ? {} : { expected: { reason: 'known', stale: !expected } }),
  };
}

describe('the gate', () => {
  it('is CONFORMANT only when every MUST was checked and held', () => {
    expect(gateOutcome({ requirements: [req('PASS')], failOn: 'must' })).toEqual({
      outcome: 'conformant',
      exitCode: 0,
    });
    expect(
      gateOutcome({ requirements: [req('PASS'), req('INCONCLUSIVE')], failOn: 'must' }),
    ).toEqual({ outcome: 'incomplete', exitCode: 4 });
  });

  it('lets --allow-incomplete turn exit 4 into 0 without calling the run conformant', () => {
    expect(
      gateOutcome({ requirements: [req('INCONCLUSIVE')], failOn: 'must', allowIncomplete: true }),
    ).toEqual({ outcome: 'incomplete', exitCode: 0 });
  });

  it('puts a failure before incompleteness', () => {
    expect(
      gateOutcome({ requirements: [req('INCONCLUSIVE'), req('FAIL')], failOn: 'must' }),
    ).toEqual({ outcome: 'non-conformant', exitCode: 1 });
    expect(gateOutcome({ requirements: [req('ERROR', 'SHOULD')], failOn: 'must' }).exitCode).toBe(
      1,
    );
  });

  it('needs SHOULDs and conventions checked and holding only at --fail-on should', () => {
    const should = [req('INCONCLUSIVE', 'SHOULD'), req('WARN', 'CONVENTION')];
    expect(gateOutcome({ requirements: should, failOn: 'must' }).outcome).toBe('conformant');
    expect(gateOutcome({ requirements: [should[0]!], failOn: 'should' }).outcome).toBe(
      'incomplete',
    );
    expect(gateOutcome({ requirements: should, failOn: 'should' }).outcome).toBe('non-conformant');
    // A MAY never gates.
    expect(isUnchecked(req('INCONCLUSIVE', 'MAY'), 'should')).toBe(false);
  });

  it('treats NOT_APPLICABLE and NOT_OBSERVED as neutral', () => {
    expect(
      gateOutcome({
        requirements: [req('NOT_APPLICABLE'), req('NOT_OBSERVED'), req('PASS')],
        failOn: 'should',
      }),
    ).toEqual({ outcome: 'conformant', exitCode: 0 });
  });

  it('excuses an expected failure, never a stale expectation, and never unreachability', () => {
    expect(
      gateOutcome({ requirements: [req('FAIL', 'MUST', true)], failOn: 'must' }).exitCode,
    ).toBe(0);
    expect(
      gateOutcome({ requirements: [req('FAIL', 'MUST', false)], failOn: 'must' }).exitCode,
    ).toBe(1);
    expect(
      gateOutcome({ requirements: [req('PASS')], failOn: 'must', outcome: 'unreachable' }),
    ).toEqual({ outcome: 'unreachable', exitCode: 3 });
  });
});

describe('the one verdict order', () => {
  it('puts the worst first and takes a requirement verdict from it', () => {
    expect(VERDICT_ORDER[0]).toBe('FAIL');
    expect(worstVerdict(['PASS', 'INCONCLUSIVE'])).toBe('INCONCLUSIVE');
    expect(worstVerdict(['PASS', 'NOT_OBSERVED', 'NOT_APPLICABLE'])).toBe('PASS');
    expect(compareVerdicts('WARN', 'PASS')).toBeLessThan(0);
  });
});
