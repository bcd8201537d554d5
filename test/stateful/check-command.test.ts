import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkCommand } from '../../cli/check.ts';
import type { RunResult } from '../../contract/result.ts';
import { parseHistory, serialiseHistory } from '../../suites/history/events.ts';
import { HistoryRecorder } from '../../suites/history/recorder.ts';
import { offer, Story } from './history-builder.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eb-check-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((text: string) => void err.push(text));
  try {
    const code = await checkCommand(argv);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

async function historyFile(name: string, story: Story): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, serialiseHistory(story.events));
  return file;
}

describe('parseHistory', () => {
  it('reads what serialiseHistory writes', () => {
    const story = new Story().create('p1', 's', [offer('a', 's')]);
    expect(parseHistory(serialiseHistory(story.events))).toEqual({
      events: story.events,
      problems: [],
    });
  });

  it('reports each bad line by number and keeps the good ones', () => {
    const text = [
      '{"process":1,"type":"invoke","op":"read","value":{"session":"a"},"time":5}',
      'not json',
      '',
      '{"process":1,"type":"finished","op":"read","value":null,"time":6}',
      '[1,2]',
      '{"process":1,"type":"ok","op":"read","time":"2030-01-01T00:00:00Z"}',
    ].join('\n');
    const { events, problems } = parseHistory(text);
    expect(events.map((event) => event.type)).toEqual(['invoke', 'ok']);
    expect(events[1]?.time).toBe(Date.parse('2030-01-01T00:00:00Z'));
    expect(problems).toEqual([
      { line: 2, message: 'not a JSON value' },
      { line: 4, message: '`type` must be one of invoke, ok, fail, unknown' },
      { line: 5, message: 'an event must be a JSON object' },
    ]);
  });
});

describe('HistoryRecorder', () => {
  it('records invoke and completion, and unknown when the action throws', async () => {
    let now = 100;
    const recorder = new HistoryRecorder(() => (now += 1));
    await recorder.run(
      'p1',
      'read',
      { session: 'a' },
      async () => 'answer',
      (answer) => ({
        type: 'ok',
        value: { answer },
      }),
    );
    await expect(
      recorder.run(
        'p2',
        'accept',
        { session: 'a' },
        async () => {
          throw new Error('timeout');
        },
        () => ({ type: 'ok', value: null }),
      ),
    ).rejects.toThrow('timeout');
    expect(recorder.events.map((e) => [e.process, e.type, e.op, e.time])).toEqual([
      ['p1', 'invoke', 'read', 101],
      ['p1', 'ok', 'read', 102],
      ['p2', 'invoke', 'accept', 103],
      ['p2', 'unknown', 'accept', 104],
    ]);
    const file = await recorder.write(dir, 'recorded/one');
    expect(file).toBe(join(dir, 'history', 'recorded-one.ndjson'));
  });
});

describe('eb-conform check on a history', () => {
  it('exits 0 and gives the verdicts of what the history bears on', async () => {
    const file = await historyFile(
      'clean.ndjson',
      new Story().create('p1', 's', [offer('a', 's')]).call('p1', 'reject', 'a', 'REJECTED'),
    );
    const reportDir = join(dir, 'clean-report');
    const { code, out } = await run([file, '--report-dir', reportDir]);
    expect(code).toBe(0);
    expect(out).toContain('times: the history events');
    expect(out).toMatch(/^CONFORMANT: \d+\/\d+ requirements pass, .*\d+ not observed/m);
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as RunResult;
    expect(report.mode).toBe('check');
    const verdict = (id: string) => report.requirements.find((r) => r.id === id)?.verdict;
    expect(verdict('/req/lifecycle/options-offered')).toBe('PASS');
    expect(verdict('/req/lifecycle/terminal-stable')).toBe('NOT_OBSERVED');
    expect(verdict('/req/matching/cores-min')).toBe('NOT_OBSERVED');
  });

  it('exits 1 and lists each violation under its requirement', async () => {
    const file = await historyFile(
      'regress.ndjson',
      new Story()
        .create('p1', 's', [offer('a', 's')])
        .call('p1', 'accept', 'a', 'ACCEPTED')
        .call('p1', 'read', 'a', 'OFFERED'),
    );
    const { code, out } = await run([
      file,
      '--rules',
      'no-regression',
      '--report-dir',
      join(dir, 'r1'),
    ]);
    expect(code).toBe(0);
    // The findings are printed as `run` prints them (cli/terminal/findings.ts).
    expect(out).toMatch(/^WARN\s+CONVENTION\s+\/req\/lifecycle\/no-regression$/m);
    expect(out).toMatch(/^\s+session a went from ACCEPTED back to OFFERED$/m);
    const should = await run([
      file,
      '--rules',
      'no-regression',
      '--fail-on',
      'should',
      '--report-dir',
      join(dir, 'r2'),
    ]);
    expect(should.code).toBe(1);
  });

  it('uses the capacity of a --declare file and prints JSON on request', async () => {
    const file = await historyFile(
      'big.ndjson',
      new Story().create('p1', 's', [offer('a', 's', { cores: 99 })]),
    );
    const declare = join(dir, 'declare.yaml');
    await writeFile(declare, 'profile: v1.0.7\ncapacity: {cores: 8, memory: 64, storage: 100}\n');
    const { code, out } = await run([
      file,
      '--declare',
      declare,
      '--format',
      'json',
      '--report-dir',
      join(dir, 'r3'),
    ]);
    expect(code).toBe(1);
    const summary = JSON.parse(out) as { requirements: { id: string; verdict: string }[] };
    const failed = summary.requirements.filter((r) => r.verdict === 'FAIL').map((r) => r.id);
    expect(failed.sort()).toEqual([
      '/req/capacity/never-exceeded',
      '/req/capacity/within-platform',
    ]);
  });

  it('without a capacity, says the capacity rules could not judge', async () => {
    const file = await historyFile(
      'small.ndjson',
      new Story().create('p1', 's', [offer('a', 's')]),
    );
    const reportDir = join(dir, 'r4');
    await run([file, '--report-dir', reportDir]);
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as RunResult;
    const capacity = report.requirements.find((r) => r.id === '/req/capacity/never-exceeded');
    expect(capacity?.verdict).toBe('NOT_OBSERVED');
    expect(capacity?.cases[0]?.evidence[0]?.message).toContain('no capacity declared');
  });

  it('exits 2 on usage errors and unusable input, and never calls nothing a pass', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--format', 'xml', 'x.ndjson'])).code).toBe(2);
    expect((await run(['--bogus', 'x.ndjson'])).code).toBe(2);
    expect((await run([join(dir, 'missing.ndjson')])).err).toContain('cannot read');
    const some = await historyFile('some.ndjson', new Story().create('p1', 's', [offer('a', 's')]));
    expect((await run([some, '--rules', 'nope'])).err).toContain('unknown rule(s) nope');
    const garbage = join(dir, 'garbage.ndjson');
    await writeFile(garbage, '\u0000\u0001{{{\n');
    const result = await run([garbage, '--report-dir', join(dir, 'r5')]);
    expect(result.code).toBe(2);
    expect(result.out).toContain('line 1: not a JSON value');
    expect(result.out).toMatch(/nothing to check: 0 sessions in 1 input/);
    const badDeclare = join(dir, 'bad-declare.yaml');
    await writeFile(badDeclare, 'capacity: {cores: lots}\n');
    expect((await run([some, '--declare', badDeclare])).err).toContain('capacity.cores');
  });
});
