import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkCommand } from '../../cli/check.ts';
import { startMockBroker } from '../../mock/index.ts';
import { BrokerClient } from '../../suites/harness/client.ts';
import type { TargetContext } from '../../suites/harness/context.ts';
import { checkHistory } from '../../suites/judge/history.ts';
import { executionRequest } from '../../suites/harness/requests.ts';
import { StatefulBroker } from '../../suites/harness/stateful/stateful-broker.ts';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function brokerWith(faults: string[] = []): Promise<StatefulBroker> {
  const mock = await startMockBroker({
    port: 0,
    host: '127.0.0.1',
    clock: 'virtual',
    control: true,
    faults,
  });
  cleanups.push(() => mock.close());
  const context: TargetContext = {
    failOn: 'must',
    target: mock.url,
    profile: 'v1.0.7',
    declaration: {},
    seed: 1,
    runs: 5,
    maxWaitMs: 1000,
    headers: {},
    requestTimeoutMs: 5000,
    runDir: undefined,
    control: true,
    builtIn: true,
  };
  const broker = new StatefulBroker(new BrokerClient(context));
  await broker.syncClock();
  return broker;
}

async function acceptFirstAndReadAll(broker: StatefulBroker): Promise<void> {
  const created = await broker.create('p1', executionRequest('v1.0.7'));
  expect(created.offers.length).toBeGreaterThanOrEqual(2);
  await broker.update('p1', created.offers[0]!.session, 'ACCEPTED');
  for (const offer of created.offers) await broker.read('p1', offer.session);
}

async function checkFile(broker: StatefulBroker): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'eb-history-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const file = await broker.recorder.write(dir, 'round-trip');
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    return await checkCommand([
      file,
      '--rules',
      'siblings-rejected,single-accept,no-regression',
      '--fail-on',
      'should',
      '--report-dir',
      join(dir, 'report'),
    ]);
  } finally {
    log.mockRestore();
  }
}

describe('StatefulBroker against the reference broker', () => {
  it('records create, accept and reads as a history the checkers accept', async () => {
    const broker = await brokerWith();
    await acceptFirstAndReadAll(broker);
    const ops = broker.recorder.events.filter((e) => e.type !== 'invoke').map((e) => e.op);
    expect(ops.slice(0, 3)).toEqual(['clock', 'create', 'accept']);
    const accepted = broker.recorder.events.find((e) => e.op === 'accept' && e.type === 'ok');
    expect(accepted?.value).toMatchObject({ status: 200, phase: 'ACCEPTED' });
    expect((accepted?.value as { exchanges: string[] }).exchanges).toHaveLength(1);
    expect(checkHistory(broker.recorder.events).violations).toEqual([]);
    expect(await checkFile(broker)).toBe(0);
  });

  it('yields a history that `eb-conform check` rejects when siblings stay OFFERED', async () => {
    const broker = await brokerWith(['siblings-stay-offered']);
    await acceptFirstAndReadAll(broker);
    expect(await checkFile(broker)).toBe(1);
  });

  it('moves the control clock and notes the new broker time in the history', async () => {
    const broker = await brokerWith();
    const before = broker.brokerNow();
    expect(await broker.pass(600_000)).toBe(600_000);
    expect(broker.brokerNow() - before).toBeGreaterThanOrEqual(600_000);
    const notes = broker.recorder.events.filter((e) => e.op === 'clock');
    expect(notes).toHaveLength(2);
  });
});
