// Replay against the real reference broker: a failure recorded on one broker instance is
// re-sent to a fresh one (new uuids), which replay starts itself with the recorded fault.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockBroker } from '../../mock/index.ts';
import type { Exchange, RunResult } from '../../contract/result.ts';
import { replayCommand } from '../../cli/replay.ts';
import { fixture } from './fixtures.ts';

const KINDS = 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds';
const REQUEST = {
  executable: {
    kind: `${KINDS}/executable/docker-container.yaml`,
    image: { locations: ['example/app:1'] },
  },
  compute: { kind: `${KINDS}/compute/simple-compute-resource.yaml`, cores: { min: 1, max: 2 } },
};

let sequence = 0;
async function recorded(method: string, url: string, body?: unknown): Promise<Exchange> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
  };
  const text = body === undefined ? undefined : JSON.stringify(body);
  const started = new Date();
  const response = await fetch(url, { method, headers, body: text, redirect: 'manual' });
  return {
    id: `x${++sequence}`,
    startedAt: started.toISOString(),
    durationMs: 1,
    request: { method, url, headers, ...(text === undefined ? {} : { body: text }) },
    response: {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    },
  };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

describe('replay against the built-in reference broker', () => {
  it('reproduces an ignored accept on a fresh broker, following its new uuids', async () => {
    const broker = await startMockBroker({
      port: 0,
      host: '127.0.0.1',
      faults: ['accept-ignored'],
    });
    const create = await recorded('POST', `${broker.url}/requests`, REQUEST);
    const location = create.response?.headers.location ?? '';
    const get = await recorded('GET', location);
    const offer =
      (JSON.parse(get.response?.body ?? '{}') as { offers?: { meta: { uuid: string } }[] })
        .offers?.[0]?.meta.uuid ?? '';
    const accept = await recorded('POST', `${broker.url}/sessions/${offer}`, {
      kind: 'uri:enum-value-update',
      path: 'phase',
      value: 'ACCEPTED',
    });
    await broker.close();
    expect(create.response?.status).toBe(303);
    expect(accept.response?.body).toContain('"OFFERED"');

    const run: RunResult = {
      ...fixture('failing-run'),
      target: broker.url,
      builtIn: true,
      faults: ['accept-ignored'],
      command: 'eb-conform run --fault accept-ignored --seed 7',
    };
    run.exchanges = [create, get, accept];
    const req = run.requirements.find((r) => r.id === '/req/lifecycle/accept-offered')!;
    req.verdict = 'FAIL';
    req.cases = [
      {
        id: `${req.id}#1`,
        name: 'accept one offer',
        verdict: 'FAIL',
        durationMs: 5,
        evidence: [{ message: 'still OFFERED after accept', exchangeIds: ['x1', 'x2', 'x3'] }],
      },
    ];
    const dir = await mkdtemp(join(tmpdir(), 'eb-replay-mock-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'report.json'), JSON.stringify(run));

    const lines: string[] = [];
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    cleanup.push(async () => log.mockRestore());
    const code = await replayCommand([join(dir, 'report.json'), req.id, '--no-rerun']);
    const text = lines.join('\n');
    expect(text).toContain('with faults accept-ignored');
    expect(text).toContain('3 of 3 exchange(s) answered as recorded');
    expect(text).not.toContain(offer);
    expect(text).toMatch(/"phase": "OFFERED"/);
    expect(code).toBe(1);
  });
});
