// CONFORMANT never overstates: against targets that give the suite nothing to judge, every
// requirement that needed something is INCONCLUSIVE (never PASS), and a run with unchecked
// MUSTs ends INCOMPLETE (exit 4), with the reason on the terminal.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockBroker } from '../../mock/index.ts';
import { runReported } from './run-cli.ts';
import { passThrough, sayingNo, withoutOptions, type PassOptions, type Stub } from './stubs.ts';

const dir = mkdtempSync(join(tmpdir(), 'eb-honest-'));
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const LIMIT_MS = 240_000;

function run(target: string, name: string, extra: string[] = []) {
  return runReported(
    ['--target', target, '--runs', '3', '--request-timeout', '3s', '--max-wait', '20s', ...extra],
    join(dir, name),
    LIMIT_MS,
  );
}

function declaration(name: string, text: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** The reference broker (control clock) behind a pass-through stub with these options. */
async function behindStub(options: PassOptions): Promise<Stub> {
  const mock = await startMockBroker({
    port: 0,
    host: '127.0.0.1',
    clock: 'virtual',
    control: true,
  });
  closers.push(() => mock.close());
  return track(passThrough(mock.url, options));
}

async function track(stub: Promise<Stub>): Promise<Stub> {
  const started = await stub;
  closers.push(() => started.close());
  return started;
}

describe('a target that gives the suite nothing to judge is never CONFORMANT', () => {
  it(
    'a broker that answers NO to everything: the offer checks are INCONCLUSIVE, the run exits 4',
    async () => {
      // The reference broker behind a pass-through that turns every JSON OfferSet into a NO:
      // everything else about it stays a good broker's.
      const stub = await behindStub({ rewrite: sayingNo });
      const decl = declaration(
        'no',
        'capacity: { cores: 64, memory: 256, storage: 2048 }\nofferLifetime: PT5M\ncontrolClock: true\n',
      );
      const result = await run(stub.url, 'no', ['--declare', decl]);
      const said = result.said;
      for (const id of [
        '/req/matching/cores-min',
        '/req/offerset/yes-has-offers',
        '/req/expiry/offer-expires',
        '/req/expiry/expired-not-acceptable',
        '/req/lifecycle/accept-offered',
        '/req/capacity/never-exceeded',
        '/req/concurrency/no-overbooking',
      ])
        expect(result.verdict(id), `${id}: ${said}`).toBe('INCONCLUSIVE');
      expect(result.report.outcome, said).toBe('incomplete');
      expect(result.code, said).toBe(4);
      expect(result.stdout).toMatch(/^INCOMPLETE: /m);
      expect(result.stdout).toContain('the broker answered NO, so there was no offer to act on');
    },
    LIMIT_MS + 10_000,
  );

  it(
    'a broker that never lists options does not pass the options requirements',
    async () => {
      const stub = await behindStub({ rewrite: withoutOptions });
      const decl = declaration('options', 'controlClock: true\n');
      const result = await run(stub.url, 'options', [
        '--declare',
        decl,
        '--requirement',
        '/req/lifecycle/options-offered',
        '--requirement',
        '/req/lifecycle/options-after-accept',
      ]);
      const said = result.said;
      expect(result.verdict('/req/lifecycle/options-offered'), said).toBe('WARN');
      expect(result.verdict('/req/lifecycle/options-after-accept'), said).toBe('WARN');
    },
    LIMIT_MS + 10_000,
  );

  it(
    'a broker that stops accepting connections halfway: what it could not show is INCONCLUSIVE',
    async () => {
      const stub = await behindStub({ cutAfter: 400 });
      const decl = declaration(
        'cut',
        'controlClock: true\ncapacity: { cores: 64, memory: 256, storage: 2048 }\n',
      );
      const result = await run(stub.url, 'cut', ['--declare', decl]);
      const said = result.said;
      const verdicts = result.report.requirements.map((r) => r.verdict);
      expect(verdicts, said).toContain('INCONCLUSIVE');
      expect(verdicts, said).not.toContain('ERROR');
      // A request on its way as the target went away may be reset rather than refused: that
      // one was left without an answer, which answers-promptly (a MUST) reports. Nothing else
      // may fail, and the run is never called conformant.
      const failed = result.report.requirements.filter((r) => r.verdict === 'FAIL');
      expect(
        failed.map((r) => r.id),
        said,
      ).toEqual(failed.length === 0 ? [] : ['/req/robustness/answers-promptly']);
      expect(result.report.outcome, said).toBe(
        failed.length === 0 ? 'incomplete' : 'non-conformant',
      );
      expect(result.code, said).toBe(failed.length === 0 ? 4 : 1);
      const reasons = result.report.requirements
        .filter((r) => r.verdict === 'INCONCLUSIVE')
        .flatMap((r) => r.cases.flatMap((c) => c.evidence.map((e) => e.message)))
        .join('\n');
      expect(reasons).toMatch(/stopped answering|ECONNREFUSED|got no answer/);
    },
    LIMIT_MS + 10_000,
  );
});
