// A curl conversation through `eb-conform proxy` with the reference broker and one named fault
// switched on: the fault must show live (a finding header on an answer, a line said by the
// proxy) and offline (`check` on the HAR the proxy wrote, and on the curl -i transcript), and a
// clean broker must show nothing. Skipped where there is no curl on the machine.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../contract/result.ts';
import { startMockBroker } from '../../mock/index.ts';
import { startProxy } from '../../proxy/index.ts';
import { writeReports } from '../../reports/index.ts';
import { checkResult, checkTraffic } from '../../suites/judge/check.ts';

function hasCurl(): boolean {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const tool = { name: 'eb-conform' as const, version: 'test' };

const REQUEST = JSON.stringify({
  executable: {
    kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/jupyter-notebook.yaml',
    location: 'https://notebooks.example.org/a.ipynb',
  },
  compute: {
    kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/compute/simple-compute-resource.yaml',
    cores: { min: 2, max: 3 },
    memory: { min: 1, max: 2 },
  },
  schedule: { requested: { duration: 'PT30M' } },
});

function curl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('curl', ['-si', '--max-time', '10', ...args], (error, stdout) =>
      error === null ? resolve(stdout) : reject(error),
    ),
  );
}

interface Conversation {
  transcript: string;
  /** Every x-eb-conform-findings header the answers carried. */
  headers: string[];
}

function quote(word: string): string {
  return /^[\w@./:=-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** Ask, read the offers, read one, accept it, then send a broken body. */
async function converse(base: string): Promise<Conversation> {
  const parts: string[] = [];
  const say = async (args: string[]): Promise<string> => {
    const out = await curl(args);
    parts.push(`$ curl -si ${args.map(quote).join(' ')}\n${out}${out.endsWith('\n') ? '' : '\n'}`);
    return out;
  };
  const json = ['-H', 'Accept: application/json'];
  const created = await say([
    '-X',
    'POST',
    `${base}/requests`,
    '-H',
    'Content-Type: application/json',
    ...json,
    '--data-binary',
    REQUEST,
  ]);
  const location = /^location: (\S+)/im.exec(created)?.[1];
  if (location !== undefined) {
    const offers = await say([location, ...json]);
    const session = /"url":"([^"]+\/sessions\/[^"]+)"/.exec(offers)?.[1];
    if (session !== undefined) {
      await say([session, ...json]);
      await say([
        '-X',
        'POST',
        session,
        '-H',
        'Content-Type: application/json',
        ...json,
        '--data',
        '{"kind":"uri:enum-value-update","path":"phase","value":"ACCEPTED"}',
      ]);
      await say([session, ...json]);
    }
  }
  await say([
    '-X',
    'POST',
    `${base}/requests`,
    '-H',
    'Content-Type: application/json',
    ...json,
    '--data',
    '{"broken',
  ]);
  const transcript = parts.join('');
  const headers = [...transcript.matchAll(/^x-eb-conform-findings: (.*)$/gim)].map((m) =>
    (m[1] ?? '').trim(),
  );
  return { transcript, headers };
}

const CASES = [
  { fault: 'ignore-max', requirement: '/req/matching/cores-max', verdict: 'WARN' },
  { fault: 'below-min', requirement: '/req/matching/cores-min', verdict: 'FAIL' },
  { fault: 'no-options', requirement: '/req/lifecycle/options-offered', verdict: 'WARN' },
  { fault: 'stale-options', requirement: '/req/lifecycle/options-after-accept', verdict: 'WARN' },
  {
    fault: 'missing-location',
    requirement: '/req/offerset/create-redirect-or-body',
    verdict: 'FAIL',
  },
  { fault: 'wrong-content-type', requirement: '/req/negotiation/json-response', verdict: 'FAIL' },
  { fault: '5xx-on-bad-input', requirement: '/req/robustness/no-5xx', verdict: 'FAIL' },
  { fault: 'schema-drift', requirement: '/req/schema/session-valid', verdict: 'FAIL' },
] as const;

describe.skipIf(!hasCurl())(
  'a curl conversation through the proxy (skipped: no curl on this machine)',
  () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'eb-curl-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    async function record(faults: string[], name: string) {
      const broker = await startMockBroker({ port: 0, faults });
      const lines: string[] = [];
      const proxy = await startProxy({
        target: broker.url,
        port: 0,
        say: (line) => lines.push(line),
      });
      try {
        const conversation = await converse(proxy.url);
        const result = proxy.judge.result({
          mode: 'proxy',
          target: broker.url,
          startedAt: new Date(),
          command: 't',
          tool,
        });
        const reportDir = join(dir, name);
        await writeReports(result, reportDir, { history: [] });
        const transcript = join(dir, `${name}.txt`);
        await writeFile(transcript, conversation.transcript);
        const offline = async (input: string): Promise<RunResult> => {
          const outcome = await checkTraffic({ inputs: [input] });
          return checkResult(outcome, { startedAt: new Date(), command: 't', tool });
        };
        return {
          conversation,
          lines,
          live: result,
          har: await offline(join(reportDir, 'exchanges.har')),
          transcript: await offline(transcript),
        };
      } finally {
        await proxy.close();
        await broker.close();
      }
    }

    const verdictOf = (result: RunResult, id: string) =>
      result.requirements.find((r) => r.id === id)?.verdict;

    it.each(CASES)(
      '$fault shows live and offline under $requirement',
      async ({ fault, requirement, verdict }) => {
        const seen = await record([fault], fault);
        // A header carries the count and the first finding of its answer; the lines say them all.
        expect(seen.conversation.headers.some((header) => /^[1-9]\d*; /.test(header))).toBe(true);
        expect(seen.lines.some((line) => line.startsWith(`${verdict} ${requirement}:`))).toBe(true);
        expect(verdictOf(seen.live, requirement)).toBe(verdict);
        expect(verdictOf(seen.har, requirement)).toBe(verdict);
        expect(verdictOf(seen.transcript, requirement)).toBe(verdict);
      },
    );

    it('finds nothing wrong in the same conversation with a clean broker', async () => {
      const seen = await record([], 'clean');
      expect(seen.conversation.headers.length).toBeGreaterThan(3);
      expect(seen.conversation.headers.every((header) => header === '0')).toBe(true);
      for (const result of [seen.live, seen.har, seen.transcript]) {
        const bad = result.requirements.filter((r) => r.verdict === 'FAIL' || r.verdict === 'WARN');
        expect(bad.map((r) => r.id)).toEqual([]);
        expect(result.outcome).toBe('conformant');
      }
    });
  },
);
