// The `calycopis` preset of the reference broker, judged as the Java broker's recorded traffic
// is judged: every recorded conversation of ../shared/upstream/calycopis-traffic/ is sent, in
// order, through `eb-conform proxy` to the preset, and what the proxy's rules find must be what
// `eb-conform check` finds on the real folder, requirement by requirement. (Skipped cleanly
// where ../shared is absent.)

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult, Verdict } from '../../contract/result.ts';
import { startMockBroker } from '../../mock/index.ts';
import { startProxy } from '../../proxy/index.ts';
import { UPSTREAM_DIR } from '../../spec/index.ts';
import { checkResult, checkTraffic } from '../../suites/judge/check.ts';

const TRAFFIC = join(UPSTREAM_DIR, 'calycopis-traffic');
const present = existsSync(TRAFFIC);
const META = {
  startedAt: new Date(),
  command: 'test',
  tool: { name: 'eb-conform' as const, version: '0' },
};

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** Lets the preset's clock run on, as the recording's steps came some seconds apart. */
async function later(proxy: string): Promise<void> {
  const moved = await fetch(`${proxy}/_control/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seconds: 10 }),
  });
  await moved.text();
}

/** Replays one recorded conversation through the proxy: the same requests, in file order. */
async function replay(folder: string, proxy: string): Promise<void> {
  let set: { url: string; offers: string[] } | undefined;
  for (const file of readdirSync(join(TRAFFIC, folder)).sort()) {
    const text = readFileSync(join(TRAFFIC, folder, file), 'utf8');
    const type = file.endsWith('.yaml') ? 'application/yaml' : 'application/json';
    const headers = { 'content-type': type, accept: 'application/json' };
    const update = /-(?:reject|accept)-(\d\d)-(request|response)/.exec(file);
    const session = /-session-(\d\d)-response/.exec(file);
    if (/offerset-request/.test(file)) {
      const answer = await fetch(`${proxy}/offersets`, {
        method: 'POST',
        headers,
        body: text,
        redirect: 'manual',
      });
      const location = answer.headers.get('location');
      const body = (await answer.text()).trim();
      if (location === null || body === '') continue;
      const doc = JSON.parse(body) as { offers?: { meta: { url: string } }[] };
      set = { url: location, offers: (doc.offers ?? []).map((offer) => offer.meta.url) };
      continue;
    }
    if (set === undefined) continue;
    // Every recorded answer after the create came some seconds after the step before it.
    await later(proxy);
    if (update !== null && update[2] === 'request') {
      const url = set.offers[Number(update[1])];
      if (url !== undefined)
        await (await fetch(url, { method: 'POST', headers, body: text })).text();
    } else if (session !== null) {
      const url = set.offers[Number(session[1])];
      if (url !== undefined) await (await fetch(url, { headers })).text();
    } else if (/-offerset-(response|final)/.test(file) && !/-002-/.test(file)) {
      await (await fetch(set.url, { headers })).text();
    }
  }
}

function verdicts(result: RunResult): Map<string, Verdict> {
  return new Map(result.requirements.map((req) => [req.id, req.verdict]));
}

describe.skipIf(!present)(
  'the calycopis preset is judged as the real broker (skipped: ../shared/upstream absent)',
  () => {
    it('eb-conform check on the real folder and the proxy on the preset find the same defects', async () => {
      const broker = await startMockBroker({
        port: 0,
        host: '127.0.0.1',
        profile: 'v1.0.5',
        faults: ['calycopis'],
        // A clock the replay moves, as the recording's steps came seconds apart.
        clock: 'virtual',
        control: true,
      });
      closers.push(() => broker.close());
      const proxy = await startProxy({
        target: broker.url,
        port: 0,
        host: '127.0.0.1',
        findingHeaders: false,
      });
      closers.push(() => proxy.close());
      for (const folder of readdirSync(TRAFFIC)
        .filter((name) => /^\d{3}$/.test(name))
        .sort())
        await replay(folder, proxy.url);
      const presetResult = proxy.judge.result({ ...META, mode: 'proxy', target: broker.url });
      const preset = verdicts(presetResult);
      const real = verdicts(checkResult(await checkTraffic({ inputs: [TRAFFIC] }), META));
      // What the real traffic shows wrong, the preset shows wrong the same way.
      const flagged = [...real].filter(([, verdict]) => verdict === 'FAIL' || verdict === 'WARN');
      expect(flagged.map(([id]) => id).sort()).toEqual([
        '/req/lifecycle/options-after-accept',
        '/req/lifecycle/options-offered',
        '/req/lifecycle/progresses',
        '/req/matching/memory-max',
        '/req/matching/storage-min',
        '/req/matching/volumes-kept',
      ]);
      for (const [id, verdict] of flagged) expect(preset.get(id), id).toBe(verdict);
      // And what the real traffic passes, the preset does not fail.
      for (const [id, verdict] of real)
        if (verdict === 'PASS') expect(['PASS', 'NOT_OBSERVED'], id).toContain(preset.get(id));
    }, 120_000);
  },
);
