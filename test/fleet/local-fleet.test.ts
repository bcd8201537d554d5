// The fleet, end to end on one machine: five reference brokers, each with its own faults, are
// run through the entries of `fleet plan` (at most two at a time, this machine has two cores),
// the runs are merged, and every fault must land in its own cell of the dashboard and be
// counted right in the table of most frequent failures. The dashboard is then looked at in
// headless Chromium: the cells of the faults must be painted in the failure colour.

import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { entryArgs, fleetCommand, type MatrixEntry } from '../../cli/fleet.ts';
import { mergeCommand } from '../../cli/merge.ts';
import { loadConfig } from '../../cli/options/config.ts';
import { startMockBroker, type MockBroker } from '../../mock/index.ts';
import type { Dashboard } from '../../reports/index.ts';
import { runNode } from '../proof/run-cli.ts';
import { CHROMIUM, NO_CHROMIUM, probePage, screenshot } from '../reports/chromium.ts';
import { captureConsole } from './console.ts';

/** Each broker's faults, and the requirements they must fail (FAIL) or warn about (WARN). */
const FLEET = {
  alpha: { faults: ['below-min'], fails: ['/req/matching/cores-min'], warns: [] },
  bravo: { faults: ['bad-message'], fails: ['/req/schema/message-valid'], warns: [] },
  charlie: { faults: ['short-duration'], fails: ['/req/matching/duration-min'], warns: [] },
  delta: {
    faults: ['below-min', 'offer-outside-window'],
    fails: ['/req/matching/cores-min', '/req/matching/start-in-window'],
    warns: [],
  },
  echo: { faults: ['ignore-max'], fails: [], warns: ['/req/matching/cores-max'] },
} as const;
type Name = keyof typeof FLEET;
const NAMES = Object.keys(FLEET) as Name[];
const AT_A_TIME = 2;

let root = '';
const brokers: MockBroker[] = [];
let dashboard: Dashboard;
let site = '';

async function declaration(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/_control/platform`, {
    headers: { accept: 'application/json' },
  });
  const platform = (await response.json()) as { totals: Record<string, number> };
  return {
    profile: 'v1.0.7',
    controlClock: true,
    direct: true,
    xml: false,
    capacity: platform.totals,
  };
}

/** Runs `jobs` with at most `limit` at once, like a matrix with max-parallel. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]!();
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * The arguments of one plan entry. Until `run` reads --config (the lead is wiring it in), the
 * entry's target is handed over as the equivalent flags; every option the config sets is
 * mapped, so nothing is dropped on the way.
 */
function runArgs(entry: MatrixEntry, configSupported: boolean): string[] {
  const args = entryArgs(entry.config, entry.name, entry.reportDir);
  if (configSupported) return args;
  const config = loadConfig(entry.config);
  const target = config.targets.find((t) => t.name === entry.name)!;
  const options = { ...config.defaults, ...target.options };
  const flags: Record<string, (value: never) => string[]> = {
    target: (v: string) => ['--target', v],
    declare: (v: string) => ['--declare', v],
    classes: (v: string[]) => ['--classes', v.join(',')],
    seed: (v: number) => ['--seed', String(v)],
    runs: (v: number) => ['--runs', String(v)],
    progress: (v: string) => ['--progress', v],
  };
  return [
    'run',
    ...Object.entries(options).flatMap(([key, value]) => {
      const flag = flags[key];
      if (flag === undefined) throw new Error(`the stand-in for run --config cannot pass ${key}`);
      return flag(value as never);
    }),
    '--report-dir',
    entry.reportDir,
  ];
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'eb-fleet-'));
  const targets = [];
  for (const name of NAMES) {
    const broker = await startMockBroker({
      port: 0,
      clock: 'virtual',
      control: true,
      faults: [...FLEET[name].faults],
    });
    brokers.push(broker);
    await writeFile(
      join(root, `${name}.declaration.yaml`),
      stringify(await declaration(broker.url)),
    );
    targets.push({ name, url: broker.url, declare: `./${name}.declaration.yaml` });
  }
  const config = join(root, 'eb-conform.yaml');
  await writeFile(
    config,
    stringify({
      defaults: {
        classes: ['matching', 'offerset', 'schema'],
        seed: 7,
        runs: 10,
        progress: 'none',
      },
      targets,
    }),
  );
  const plan = await captureConsole(() =>
    fleetCommand(['plan', config, '--report-root', join(root, 'reports')]),
  );
  expect(plan.value).toBe(0);
  const { include } = JSON.parse(plan.out) as { include: MatrixEntry[] };
  expect(include.map((entry) => entry.name)).toEqual(NAMES);

  const help = await runNode(['bin/eb-conform.js', 'run', '--help'], 60_000);
  const configSupported = help.stdout.includes('--config');
  const finished = await pool(
    include.map(
      (entry) => () => runNode(['bin/eb-conform.js', ...runArgs(entry, configSupported)], 240_000),
    ),
    AT_A_TIME,
  );
  // A verdict is an exit code of 0 or 1; anything else means the run itself broke.
  finished.forEach((run, i) =>
    expect([0, 1], `${include[i]?.name}: ${run.stderr.slice(-2000)}`).toContain(run.code),
  );

  site = join(root, 'site');
  const merged = await captureConsole(() => mergeCommand([join(root, 'reports'), '--out', site]));
  expect(merged.value).toBe(0);
  dashboard = JSON.parse(await readFile(join(site, 'dashboard.json'), 'utf8')) as Dashboard;
}, 600_000);

afterAll(async () => {
  await Promise.all(brokers.map((broker) => broker.close()));
  if (root !== '') await rm(root, { recursive: true, force: true });
});

describe('five faulty brokers, planned, run two at a time and merged', () => {
  it('has one line per broker, each with the verdict of its own run', () => {
    expect(dashboard.brokers.map((b) => b.name).sort()).toEqual([...NAMES].sort());
    for (const row of dashboard.brokers) {
      const expected = FLEET[row.name as Name];
      expect(row.outcome, row.name).toBe(
        expected.fails.length > 0 ? 'non-conformant' : 'conformant',
      );
      expect(row.target).toBe(brokers[NAMES.indexOf(row.name as Name)]!.url);
    }
  });

  it('puts each fault in its own cell, and nowhere else', () => {
    const faulty = new Map<string, Map<string, string>>();
    for (const name of NAMES) {
      for (const id of FLEET[name].fails)
        faulty.set(id, new Map([...(faulty.get(id) ?? []), [name, 'FAIL']]));
      for (const id of FLEET[name].warns)
        faulty.set(id, new Map([...(faulty.get(id) ?? []), [name, 'WARN']]));
    }
    for (const [id, cells] of faulty) {
      for (const row of dashboard.brokers) {
        const verdict = row.verdicts[id];
        if (cells.has(row.name)) expect(verdict, `${row.name} ${id}`).toBe(cells.get(row.name));
        else expect(verdict, `${row.name} ${id}`).toBe('PASS');
      }
    }
  });

  it('counts in the frequency table how many brokers each requirement failed on', () => {
    const failing = Object.fromEntries(
      dashboard.frequency
        .filter((row) => row.failing.length > 0)
        .map((row) => [row.id, [...row.failing].sort()]),
    );
    expect(failing).toEqual({
      '/req/matching/cores-min': ['alpha', 'delta'],
      '/req/schema/message-valid': ['bravo'],
      '/req/matching/duration-min': ['charlie'],
      '/req/matching/start-in-window': ['delta'],
    });
    // Most failing first.
    expect(dashboard.frequency[0]?.id).toBe('/req/matching/cores-min');
    expect(dashboard.frequency[0]?.counts.FAIL).toBe(2);
    const maxRow = dashboard.frequency.find((row) => row.id === '/req/matching/cores-max');
    expect(maxRow?.warning).toEqual(['echo']);
    expect(maxRow?.counts.PASS).toBe(4);
  });

  it.skipIf(CHROMIUM === undefined)(
    `paints the fault cells in the failure colour in Chromium${CHROMIUM === undefined ? ` (${NO_CHROMIUM})` : ''}`,
    async () => {
      const html = await readFile(join(site, 'dashboard.html'), 'utf8');
      const cells = await probePage<Record<string, string>>(
        html,
        `const out = {};
         for (const td of document.querySelectorAll('#matrix td[title]')) out[td.title] = getComputedStyle(td).backgroundColor;
         return out;`,
        site,
      );
      const fail = 'rgb(185, 28, 28)';
      const warn = 'rgb(180, 83, 9)';
      const pass = 'rgb(21, 128, 61)';
      expect(cells['alpha: /req/matching/cores-min FAIL']).toBe(fail);
      expect(cells['delta: /req/matching/cores-min FAIL']).toBe(fail);
      expect(cells['delta: /req/matching/start-in-window FAIL']).toBe(fail);
      expect(cells['bravo: /req/schema/message-valid FAIL']).toBe(fail);
      expect(cells['charlie: /req/matching/duration-min FAIL']).toBe(fail);
      expect(cells['echo: /req/matching/cores-max WARN']).toBe(warn);
      expect(cells['bravo: /req/matching/cores-min PASS']).toBe(pass);
      const png = join(site, 'dashboard.png');
      await screenshot(join(site, 'dashboard.html'), png, 1100, 1300);
      // Set EB_SHOTS to a folder to keep the picture and look at it.
      if (process.env.EB_SHOTS)
        await copyFile(png, join(process.env.EB_SHOTS, 'fleet-dashboard.png'));
    },
  );
});
