import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeCommand } from '../../cli/merge.ts';
import { gateOutcome, type RunResult, type Verdict } from '../../contract/index.ts';
import {
  dashboardSchemaIssues,
  mergeReports,
  writeDashboard,
  type Dashboard,
} from '../../reports/index.ts';
import { fixture } from '../reports/fixtures.ts';
import { captureConsole } from './console.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'eb-merge-'));
  dirs.push(dir);
  return dir;
}

/** The passing fixture with some verdicts changed, its outcome decided by the contract's gate. */
function runWithVerdicts(target: string, verdicts: Record<string, Verdict>): RunResult {
  const run = fixture('passing-run');
  run.target = target;
  for (const req of run.requirements) {
    const verdict = verdicts[req.id];
    if (verdict !== undefined) req.verdict = verdict;
  }
  return { ...run, ...gateOutcome({ requirements: run.requirements, failOn: run.failOn }) };
}

async function store(root: string, name: string, run: RunResult, html = true): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'report.json'), JSON.stringify(run));
  if (html) await writeFile(join(dir, 'report.html'), '<!DOCTYPE html><title>r</title>');
  return dir;
}

const CORES_MIN = '/req/matching/cores-min';
const DISTINCT = '/req/offerset/distinct-uuids';
const SIBLINGS = '/req/lifecycle/accept-rejects-siblings';

describe('merging runs into a dashboard', () => {
  it('keeps a line per broker, a verdict per cell and counts failures across brokers', async () => {
    const root = await scratch();
    await store(root, 'alpha', runWithVerdicts('https://alpha.example/', { [CORES_MIN]: 'FAIL' }));
    await store(
      root,
      'bravo',
      runWithVerdicts('https://bravo.example/', { [CORES_MIN]: 'FAIL', [DISTINCT]: 'ERROR' }),
    );
    await store(
      root,
      'charlie',
      runWithVerdicts('https://charlie.example/', { [SIBLINGS]: 'WARN' }),
    );
    await store(root, 'delta', runWithVerdicts('https://delta.example/', {}), false);
    const out = join(root, 'site');
    const { dashboard } = mergeReports([root], { out, toolVersion: '9.9.9' });

    expect(dashboard.brokers.map((b) => b.name)).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
    const by = Object.fromEntries(dashboard.brokers.map((b) => [b.name, b]));
    expect(by.alpha?.verdicts[CORES_MIN]).toBe('FAIL');
    expect(by.alpha?.verdicts[DISTINCT]).toBe('PASS');
    expect(by.bravo?.verdicts[DISTINCT]).toBe('ERROR');
    expect(by.alpha?.outcome).toBe('non-conformant');
    expect(by.charlie?.outcome).toBe('conformant'); // a WARN does not fail --fail-on must
    expect(by.delta?.outcome).toBe('conformant');
    expect(by.alpha?.report).toBe('../alpha/report.html');
    expect(by.delta?.report).toBeUndefined();

    const rows = Object.fromEntries(dashboard.frequency.map((row) => [row.id, row]));
    expect(dashboard.frequency.map((row) => row.id)).toEqual([CORES_MIN, DISTINCT, SIBLINGS]);
    expect(rows[CORES_MIN]?.failing).toEqual(['alpha', 'bravo']);
    expect(rows[CORES_MIN]?.counts.FAIL).toBe(2);
    expect(rows[CORES_MIN]?.counts.PASS).toBe(2);
    expect(rows[DISTINCT]?.failing).toEqual(['bravo']);
    expect(rows[SIBLINGS]?.failing).toEqual([]);
    expect(rows[SIBLINGS]?.warning).toEqual(['charlie']);
    expect(dashboardSchemaIssues(JSON.parse(JSON.stringify(dashboard)))).toEqual([]);
  });

  it('names a run after its folder, and tells two folders of one name apart', async () => {
    const root = await scratch();
    await store(join(root, 'night1'), 'alpha', runWithVerdicts('https://a1/', {}));
    await store(join(root, 'night2'), 'alpha', runWithVerdicts('https://a2/', {}));
    const { dashboard } = mergeReports(
      [join(root, 'night1'), join(root, 'night2', 'alpha', 'report.json')],
      {
        out: root,
        toolVersion: '1',
      },
    );
    expect(dashboard.brokers.map((b) => `${b.name} ${b.target}`).sort()).toEqual([
      'alpha (2) https://a2/',
      'alpha https://a1/',
    ]);
  });

  it('reads what it can and lists every input it could not use, with the reason', async () => {
    const root = await scratch();
    await store(root, 'good', runWithVerdicts('https://good/', {}));
    await mkdir(join(root, 'bad-json'));
    await writeFile(join(root, 'bad-json', 'report.json'), '{ not json');
    await mkdir(join(root, 'not-a-report'));
    await writeFile(join(root, 'not-a-report', 'report.json'), JSON.stringify({ hello: 1 }));
    const empty = join(root, 'empty');
    await mkdir(empty);
    const { dashboard } = mergeReports([root, empty, join(root, 'absent')], {
      out: root,
      toolVersion: '1',
    });
    expect(dashboard.brokers.map((b) => b.name)).toEqual(['good']);
    const reasons = dashboard.unreadable.map((u) => `${u.source.slice(root.length)}: ${u.message}`);
    expect(reasons).toHaveLength(4);
    expect(reasons.join('\n')).toMatch(/bad-json\/report\.json: .*is not JSON/);
    expect(reasons.join('\n')).toMatch(/not-a-report\/report\.json: .*is not an eb-conform report/);
    expect(reasons.join('\n')).toMatch(/\/empty: no report\.json in it or in its sub-folders/);
    expect(reasons.join('\n')).toMatch(/\/absent: cannot read/);
  });

  it('shows what changed since the previous merge', async () => {
    const root = await scratch();
    const night1 = join(root, 'night1');
    await store(night1, 'alpha', runWithVerdicts('https://a/', { [CORES_MIN]: 'FAIL' }));
    await store(night1, 'bravo', runWithVerdicts('https://b/', {}));
    await store(night1, 'gone', runWithVerdicts('https://g/', {}));
    const first = mergeReports([night1], { out: join(root, 'site1'), toolVersion: '1' });
    await writeDashboard(first.dashboard, join(root, 'site1'));

    const night2 = join(root, 'night2');
    await store(night2, 'alpha', runWithVerdicts('https://a/', {}));
    await store(night2, 'bravo', runWithVerdicts('https://b/', { [DISTINCT]: 'FAIL' }));
    await store(night2, 'new', runWithVerdicts('https://n/', {}));
    const { dashboard } = mergeReports([night2], {
      out: join(root, 'site2'),
      previous: join(root, 'site1'),
      toolVersion: '1',
    });
    const trend = dashboard.trend!;
    expect(trend.previous).toBe(first.dashboard.generatedAt);
    expect(trend.added).toEqual(['new']);
    expect(trend.removed).toEqual(['gone']);
    expect(trend.better).toEqual([{ name: 'alpha', id: CORES_MIN, before: 'FAIL', after: 'PASS' }]);
    expect(trend.worse).toEqual([{ name: 'bravo', id: DISTINCT, before: 'PASS', after: 'FAIL' }]);
    expect(trend.outcomes).toEqual([
      { name: 'bravo', before: 'conformant', after: 'non-conformant' },
      { name: 'alpha', before: 'non-conformant', after: 'conformant' },
    ]);
  });

  it('goes on without a trend when the previous merge is missing, and says why when it is broken', async () => {
    const root = await scratch();
    await store(root, 'alpha', runWithVerdicts('https://a/', {}));
    const missing = mergeReports([root], {
      out: root,
      previous: join(root, 'nowhere'),
      toolVersion: '1',
    });
    expect(missing.dashboard.trend).toBeUndefined();
    expect(missing.notes[0]).toMatch(/no previous dashboard at .*nowhere.*no trend this time/);
    await writeFile(join(root, 'dashboard.json'), JSON.stringify({ brokers: 'x' }));
    const broken = mergeReports([root], { out: root, previous: root, toolVersion: '1' });
    expect(broken.dashboard.trend).toBeUndefined();
    expect(broken.dashboard.unreadable[0]?.message).toMatch(/not an eb-conform dashboard/);
  });

  it('escapes everything a report brings into the page and the summary', async () => {
    const root = await scratch();
    const evil = '<script>alert(1)</script>';
    const run = runWithVerdicts(`https://x/?q=${evil}`, { [CORES_MIN]: 'FAIL' });
    run.requirements[0]!.statement = `${evil} | pipes`;
    await store(root, '<img src=x onerror=alert(2)>', run);
    const { dashboard } = mergeReports([root], { out: root, toolVersion: '1' });
    const written = await writeDashboard(dashboard, join(root, 'site'));
    const html = await readFile(written[1]!, 'utf8');
    const md = await readFile(written[2]!, 'utf8');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(md).not.toContain('<img src=x');
    expect(md).not.toContain('<script>');
  });
});

describe('eb-conform merge', () => {
  async function quietly(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const { value, out, err } = await captureConsole(() => mergeCommand(argv));
    return { code: value, out, err };
  }

  it('writes the three dashboard files and exits 0 when every input was read', async () => {
    const root = await scratch();
    await store(root, 'alpha', runWithVerdicts('https://a/', { [CORES_MIN]: 'FAIL' }));
    const out = join(root, 'site');
    const result = await quietly([root, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('1 broker: 1 non-conformant');
    const json = JSON.parse(await readFile(join(out, 'dashboard.json'), 'utf8')) as Dashboard;
    expect(dashboardSchemaIssues(json)).toEqual([]);
    expect(await readFile(join(out, 'dashboard.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(await readFile(join(out, 'dashboard.md'), 'utf8')).toContain('/req/matching/cores-min');
  });

  it('exits 1 when some inputs were unreadable, 2 on usage errors or when nothing was read', async () => {
    const root = await scratch();
    await store(root, 'alpha', runWithVerdicts('https://a/', {}));
    await writeFile(join(root, 'junk.json'), 'nope');
    const some = await quietly([root, join(root, 'junk.json'), '--out', join(root, 'site')]);
    expect(some.code).toBe(1);
    expect(some.err).toContain('junk.json');
    expect((await quietly([root])).code).toBe(2);
    expect((await quietly(['--out', root])).code).toBe(2);
    expect((await quietly([root, '--out', root, '--bogus'])).code).toBe(2);
    const none = await quietly([join(root, 'junk.json'), '--out', join(root, 'x')]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('no report could be read');
  });
});
