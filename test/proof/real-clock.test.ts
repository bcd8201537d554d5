// Against a broker on a real clock (no /_control), with a declaration: the time-dependent
// faults are caught, and a clean broker is CONFORMANT with every MUST checked. The reference
// broker runs here with 20-second offers so the waits stay short; a full run waits about one
// offer lifetime, because every time-dependent check shares the same wait.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isUnchecked } from '../../contract/index.ts';
import { startMockBroker } from '../../mock/index.ts';
import { runReported } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'eb-real-clock-'));
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const LIFETIME = 'PT20S';
const LIMIT_MS = 300_000;
const DECLARATION = join(dir, 'broker.yaml');
writeFileSync(
  DECLARATION,
  `capacity: { cores: 64, memory: 256, storage: 2048 }\nofferLifetime: ${LIFETIME}\nexpiryGrace: PT3S\n`,
);

async function realClockRun(
  name: string,
  faults: string[],
  extra: string[] = [],
  declare: string[] = ['--declare', DECLARATION],
) {
  const broker = await startMockBroker({
    port: 0,
    host: '127.0.0.1',
    clock: 'real',
    faults,
    config: { offerLifetime: LIFETIME },
  });
  closers.push(() => broker.close());
  try {
    return await runReported(
      ['--target', broker.url, ...declare, '--runs', '5', ...extra],
      join(dir, name),
      LIMIT_MS,
    );
  } finally {
    await broker.close();
  }
}

describe('on a real clock, with a declaration', () => {
  it(
    'a clean broker is CONFORMANT with every MUST checked (exit 0)',
    async () => {
      const run = await realClockRun('clean', []);
      const unchecked = run.report.requirements.filter((r) => isUnchecked(r, 'must'));
      expect(
        unchecked.map((r) => r.id),
        run.said,
      ).toEqual([]);
      expect(run.report.outcome, run.said).toBe('conformant');
      expect(run.code, run.said).toBe(0);
      expect(run.verdict('/req/expiry/offer-expires')).toBe('PASS');
      expect(run.verdict('/req/expiry/resources-released')).toBe('PASS');
    },
    LIMIT_MS + 10_000,
  );

  for (const [fault, requirement, classes] of [
    ['no-expiry', '/req/expiry/offer-expires', 'expiry'],
    ['accept-after-expiry', '/req/expiry/expired-not-acceptable', 'expiry'],
    ['overbook', '/req/capacity/never-exceeded', 'capacity'],
  ] as const) {
    it(
      `the fault ${fault} makes ${requirement} FAIL (exit 1)`,
      async () => {
        const run = await realClockRun(fault, [fault], ['--classes', classes]);
        expect(run.verdict(requirement), run.said).toBe('FAIL');
        expect(run.code, run.said).toBe(1);
        expect(run.stdout).toContain(`npx eb-conform replay`);
      },
      LIMIT_MS + 10_000,
    );
  }
});

describe('on a real clock, without a declaration', () => {
  it(
    'a clean broker is INCOMPLETE (exit 4), and the terminal says what to declare',
    async () => {
      const run = await realClockRun('undeclared', [], ['--classes', 'capacity,expiry'], []);
      expect(run.report.outcome, run.said).toBe('incomplete');
      expect(run.code, run.said).toBe(4);
      expect(run.verdict('/req/capacity/never-exceeded')).toBe('INCONCLUSIVE');
      expect(run.stdout).toContain('declare capacity (cores, memory, storage) in --declare');
      expect(run.stdout).toMatch(/^INCOMPLETE: /m);
      // The expiry checks need no declaration: the broker's own offers say how long to wait.
      expect(run.verdict('/req/expiry/offer-expires')).toBe('PASS');
    },
    LIMIT_MS + 10_000,
  );
});
