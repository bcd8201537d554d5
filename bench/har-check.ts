// How fast, and in how much memory, `eb-conform check` judges a large HAR file: a HAR of
// 100,000 exchanges recorded from the reference broker (create, read the offer set, read an
// offer, accept or reject it), checked in a child process. The baseline, measured side by side,
// is the least any reader must do: stream the file and parse every entry. The target is under
// 30 s, with memory bounded (the HAR is streamed, never held whole).
//
//   node bin/run-ts.js bench/har-check.ts [--exchanges N] [--har FILE] [--keep]

import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { startMockBroker } from '../mock/index.ts';
import { writeReports } from '../reports/index.ts';
import { checkResult, checkTraffic } from '../suites/judge/check.ts';
import { arrayElements } from '../suites/traffic/json-stream.ts';
import { executionRequest } from '../suites/harness/requests.ts';

const { values } = parseArgs({
  options: {
    exchanges: { type: 'string', default: '100000' },
    har: { type: 'string' },
    keep: { type: 'boolean', default: false },
    child: { type: 'string' },
    mode: { type: 'string' },
  },
});

/** The child: one measured pass, its figures printed as JSON on the last line. */
async function child(file: string, mode: string): Promise<void> {
  const started = performance.now();
  let entries = 0;
  if (mode === 'baseline') {
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    for await (const raw of arrayElements(stream as AsyncIterable<string>, ['log', 'entries'])) {
      JSON.parse(raw);
      entries += 1;
    }
  } else {
    const outcome = await checkTraffic({ inputs: [file] });
    const result = checkResult(outcome, {
      startedAt: new Date(),
      command: 'bench',
      tool: { name: 'eb-conform', version: 'bench' },
    });
    const reportDir = mkdtempSync(join(tmpdir(), 'eb-bench-report-'));
    await writeReports(result, reportDir, { history: [] });
    rmSync(reportDir, { recursive: true, force: true });
    entries = outcome.judge.counts().exchanges;
    console.error(
      `verdict: ${result.outcome} (${result.requirements.filter((r) => r.verdict === 'PASS').length} pass, sessions ${outcome.judge.counts().sessions})`,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({ seconds, entries, maxRssMiB: process.resourceUsage().maxRSS / 1024 }),
  );
}

/** Records a conversation mix with the reference broker straight into a HAR file. */
async function generate(file: string, total: number): Promise<void> {
  const broker = await startMockBroker({ port: 0 });
  const agent = new Agent({ connections: 16 });
  const out = createWriteStream(file);
  out.write(
    '{"log":{"version":"1.2","creator":{"name":"eb-conform bench","version":"1"},"entries":[\n',
  );
  let written = 0;
  let first = true;
  const write = (entry: unknown): Promise<void> => {
    const text = `${first ? '' : ',\n'}${JSON.stringify(entry)}`;
    first = false;
    written += 1;
    return out.write(text)
      ? Promise.resolve()
      : new Promise((resolve) => out.once('drain', () => resolve()));
  };
  const send = async (method: string, url: string, body?: string) => {
    const startedAt = new Date();
    const started = performance.now();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const answer = await request(url, {
      method: method as 'GET',
      headers,
      dispatcher: agent,
      ...(body === undefined ? {} : { body }),
    });
    const text = await answer.body.text();
    await write({
      startedDateTime: startedAt.toISOString(),
      time: Math.round(performance.now() - started),
      request: {
        method,
        url,
        httpVersion: 'HTTP/1.1',
        headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
        ...(body === undefined ? {} : { postData: { mimeType: 'application/json', text: body } }),
        cookies: [],
        queryString: [],
        headersSize: -1,
        bodySize: body?.length ?? 0,
      },
      response: {
        status: answer.statusCode,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        headers: Object.entries(answer.headers).map(([name, value]) => ({
          name,
          value: String(value),
        })),
        content: {
          size: text.length,
          mimeType: String(answer.headers['content-type'] ?? ''),
          text,
        },
        cookies: [],
        redirectURL: '',
        headersSize: -1,
        bodySize: text.length,
      },
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
    });
    return { status: answer.statusCode, headers: answer.headers, text };
  };
  const conversation = async (n: number): Promise<void> => {
    const body = JSON.stringify(
      executionRequest('v1.0.7', {
        image: 'docker.io/library/python:3',
        cores: { min: 1, max: 2 },
        memory: { min: 1, max: 2 },
      }),
    );
    const created = await send('POST', `${broker.url}/requests`, body);
    const location = created.headers.location;
    if (typeof location !== 'string') return;
    const set = JSON.parse((await send('GET', location)).text) as {
      offers?: { meta: { url: string } }[];
    };
    const offers = (set.offers ?? []).map((offer) => offer.meta.url);
    const [offer] = offers;
    if (offer === undefined) return;
    await send('GET', offer);
    const update = (url: string, value: string) =>
      send('POST', url, JSON.stringify({ kind: 'uri:enum-value-update', path: 'phase', value }));
    // One in ten is accepted (its siblings are rejected by the broker) and then cancelled; the
    // rest have every offer rejected. Capacity keeps coming back, so the broker goes on making
    // offers for the whole recording, as it would for a well-behaved client.
    if (n % 10 === 0) {
      await update(offer, 'ACCEPTED');
      await update(offer, 'CANCELLED');
    } else for (const url of offers) await update(url, 'REJECTED');
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (written < total) await conversation((next += 1));
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  out.end('\n]}}\n');
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
  await agent.close();
  await broker.close();
}

function measure(
  file: string,
  mode: string,
): { seconds: number; entries: number; maxRssMiB: number } {
  const run = spawnSync(
    process.execPath,
    ['bin/run-ts.js', 'bench/har-check.ts', '--child', file, '--mode', mode],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  if (run.status !== 0) throw new Error(`${mode} pass failed: ${run.stderr}`);
  if (run.stderr.trim() !== '') console.log(`  ${run.stderr.trim()}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
    seconds: number;
    entries: number;
    maxRssMiB: number;
  };
}

if (values.child !== undefined) {
  await child(values.child, values.mode ?? 'check');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'eb-bench-har-'));
  const file = values.har ?? join(dir, 'bench.har');
  try {
    if (!existsSync(file)) {
      const total = Number(values.exchanges);
      const started = performance.now();
      await generate(file, total);
      console.log(
        `generated        ${total} exchanges with the reference broker in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const sizeMiB = statSync(file).size / 1024 / 1024;
    console.log(`HAR file         ${sizeMiB.toFixed(0)} MiB`);
    const baseline = measure(file, 'baseline');
    const check = measure(file, 'check');
    console.log(
      `baseline (parse) ${baseline.seconds.toFixed(1)} s, ${baseline.entries} entries, peak RSS ${baseline.maxRssMiB.toFixed(0)} MiB`,
    );
    console.log(
      `eb-conform check ${check.seconds.toFixed(1)} s, ${check.entries} exchanges, peak RSS ${check.maxRssMiB.toFixed(0)} MiB`,
    );
    console.log(
      `time ratio       ${(check.seconds / baseline.seconds).toFixed(2)}x the parse baseline (target: check under 30 s: ${check.seconds < 30 ? 'met' : 'MISSED'})`,
    );
    console.log(
      `memory ratio     ${(check.maxRssMiB / baseline.maxRssMiB).toFixed(2)}x the parse baseline`,
    );
    // The bodies are not kept: what grows is the history the trace rules judge at the end.
    const perExchange = ((check.maxRssMiB - baseline.maxRssMiB) * 1024) / check.entries;
    console.log(
      `memory per item  ${perExchange.toFixed(1)} KiB of peak RSS above the baseline per exchange; the HAR holds ${((sizeMiB * 1024) / check.entries).toFixed(1)} KiB per exchange`,
    );
  } finally {
    if (values.keep === true) console.log(`kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
