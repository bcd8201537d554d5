import { describe, expect, it } from 'vitest';
import { HISTORY_RULES as RULES } from '../../suites/judge/history.ts';
import { MODEL_REQUIREMENTS } from '../../suites/model/commands.ts';
import { runModel } from '../../suites/model/run.ts';
import { FakePort, type FakeDefect } from './fake-port.ts';

const ALL = [...Object.values(RULES), ...Object.values(MODEL_REQUIREMENTS)];

function run(defect: FakeDefect | undefined, requirements: string[] = ALL) {
  return runModel({
    port: () => new FakePort(defect),
    requirements,
    request: () => ({}),
    seed: 7,
    numRuns: 200,
    maxCommands: 10,
    timeLimitMs: 20_000,
    waits: [1, 600],
  });
}

describe('model-based runs (against an in-memory broker)', () => {
  it('find nothing wrong with a broker that follows the lifecycle', async () => {
    const outcome = await run(undefined);
    expect(outcome.error).toBeUndefined();
    expect(outcome.violation).toBeUndefined();
    expect(outcome.runs).toBe(200);
  });

  const cases: [FakeDefect, string, RegExp][] = [
    ['siblings-stay-offered', '/req/lifecycle/accept-rejects-siblings', /^create, accept\(\d+\)$/],
    ['reject-ignored', '/req/lifecycle/reject-offered', /^create, reject\(\d+\)$/],
    ['cancel-ignored', '/req/lifecycle/cancel-active', /^create, accept\(\d+\), cancel\(\d+\)$/],
    [
      'silent-illegal-update',
      '/req/lifecycle/illegal-update-refused',
      /^create(, (accept|reject|cancel)\(\d+\)){1,2}$/,
    ],
    [
      'accept-after-expiry',
      '/req/expiry/expired-not-acceptable',
      /^create, wait\(600s\), accept\(\d+\)$/,
    ],
  ];

  for (const [defect, requirement, shrunk] of cases) {
    it(`catch ${defect} as ${requirement} and shrink it to a minimal sequence`, async () => {
      const outcome = await run(defect, [requirement]);
      expect(outcome.error).toBeUndefined();
      expect(outcome.violation?.requirement).toBe(requirement);
      expect(outcome.commands).toMatch(shrunk);
      expect(outcome.seed).toBe(7);
      expect(outcome.path).toMatch(/^\d+(:\d+)*$/);
      expect(outcome.history?.length).toBeGreaterThan(0);
    });
  }

  it('ignore violations of requirements that are not under test', async () => {
    const outcome = await run('reject-ignored', ['/req/lifecycle/accept-offered']);
    expect(outcome.violation).toBeUndefined();
  });
});
