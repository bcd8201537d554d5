import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../contract/result.ts';
import { summaryLines, wantsColour } from '../../cli/terminal/findings.ts';
import { coverageLine, combinedExit } from '../../cli/run.ts';

function result(): RunResult {
  const base = {
    class: 'expiry',
    source: 'tex 1',
    statement: 's',
    checkedBy: ['suites/expiry/x.test.ts'],
  };
  return {
    reportVersion: '1.1',
    tool: { name: 'eb-conform', version: '0' },
    target: 'http://broker.example:8080',
    builtIn: false,
    profile: 'v1.0.7',
    specHash: 'x',
    seed: 1,
    runs: 1,
    startedAt: '2026-01-01T00:00:00Z',
    endedAt: '2026-01-01T00:01:00Z',
    failOn: 'must',
    outcome: 'non-conformant',
    exitCode: 1,
    classes: [],
    requirements: [
      { ...base, id: '/req/a/pass', level: 'MUST', verdict: 'PASS', cases: [] },
      {
        ...base,
        id: '/req/a/inconclusive',
        level: 'MUST',
        verdict: 'INCONCLUSIVE',
        cases: [
          {
            id: '1',
            name: 'n',
            verdict: 'INCONCLUSIVE',
            durationMs: 0,
            evidence: [{ message: 'declare capacity', exchangeIds: [] }],
          },
        ],
      },
      {
        ...base,
        id: '/req/a/fail',
        level: 'MUST',
        verdict: 'FAIL',
        cases: [
          {
            id: '1',
            name: 'n',
            verdict: 'FAIL',
            durationMs: 0,
            evidence: [{ message: 'offer x is OFFERED\nafter expiry', exchangeIds: [] }],
          },
        ],
      },
    ],
    coverage: { total: 61, covered: 60, notTestable: [] },
    exchanges: [],
    timeline: [],
    command: 'eb-conform run',
  };
}

describe('what a person sees at the end of a run', () => {
  it('lists each finding with its level, one line of reason and a replay command, worst first', () => {
    const lines = summaryLines(result(), { colour: false, reportPath: 'out/report.json' });
    const text = lines.join('\n');
    expect(text.indexOf('/req/a/fail')).toBeLessThan(text.indexOf('/req/a/inconclusive'));
    expect(text).toContain('offer x is OFFERED after expiry');
    expect(text).toContain(
      'npx eb-conform replay out/report.json /req/a/fail --target http://broker.example:8080',
    );
    expect(text).toContain('declare capacity');
    expect(text).not.toContain('/req/a/pass');
    expect(lines.at(-1)).toMatch(/^NOT CONFORMANT: 1\/3 requirements pass, 1 fail/);
  });

  it('prints the verdict line alone with --quiet, and colours only when asked', () => {
    expect(summaryLines(result(), { colour: false, reportPath: 'r', quiet: true })).toHaveLength(1);
    const coloured = summaryLines(result(), { colour: true, reportPath: 'r' }).join('\n');
    expect(coloured).toContain('\x1b[31mFAIL');
    const tty = { isTTY: true } as NodeJS.WriteStream;
    expect(wantsColour(tty, {})).toBe(true);
    expect(wantsColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour({ isTTY: false } as NodeJS.WriteStream, {})).toBe(false);
  });

  it('counts coverage over what was selected, and combines the exits of several targets', () => {
    expect(coverageLine(result())).toBe('coverage: 3 of 3 selected requirements (of 61) checked');
    expect(combinedExit([0, 4, 1])).toBe(1);
    expect(combinedExit([0, 4, 3])).toBe(3);
    expect(combinedExit([0, 4])).toBe(4);
    expect(combinedExit([0, 0])).toBe(0);
  });
});
