import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialiseHistory } from '../../suites/history/events.ts';
import { checkTraffic, selectRules } from '../../suites/judge/check.ts';
import { buildResult, judgedAnything } from '../../suites/judge/result.ts';
import { offer, Story } from '../stateful/history-builder.ts';
import { MINUTE, offerset, request, session, T0 } from '../rules/documents.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eb-check-traffic-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tool = { name: 'eb-conform' as const, version: 'test' };

function entry(
  id: string,
  at: number,
  method: string,
  url: string,
  status: number,
  body?: unknown,
  sent?: unknown,
) {
  return {
    startedDateTime: new Date(at).toISOString(),
    time: 3,
    comment: id,
    request: {
      method,
      url,
      headers: [{ name: 'Accept', value: 'application/json' }],
      ...(sent === undefined
        ? {}
        : { postData: { mimeType: 'application/json', text: JSON.stringify(sent) } }),
    },
    response: {
      status,
      headers: body === undefined ? [] : [{ name: 'Content-Type', value: 'application/json' }],
      content:
        body === undefined ? {} : { mimeType: 'application/json', text: JSON.stringify(body) },
    },
  };
}

async function har(name: string, entries: unknown[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(
    file,
    JSON.stringify({ log: { version: '1.2', creator: { name: 't' }, entries } }),
  );
  return file;
}

const uuid = '5ec79894-814f-4f81-9561-2fe4bfc6010d';

describe('checkTraffic', () => {
  it('judges HAR files, histories and documents in one go, and says which clocks it used', async () => {
    const traffic = await har('a.har', [
      entry('x1', T0, 'POST', 'http://b.test/requests', 200, offerset(), request()),
      entry('x2', T0 + 1000, 'GET', `http://b.test/sessions/${uuid}`, 200, session()),
    ]);
    const history = join(dir, 'h.ndjson');
    await writeFile(
      history,
      serialiseHistory(new Story().create('p1', 's', [offer('a', 's')]).events),
    );
    const document = join(dir, 'one.json');
    await writeFile(document, JSON.stringify(session()));
    const outcome = await checkTraffic({ inputs: [traffic, history, document] });
    expect(outcome.inputs.map((input) => input.kind)).toEqual(['har', 'history', 'document']);
    expect(outcome.profile.profile).toBe('v1.0.7');
    expect(outcome.timeSources.sort()).toEqual(['har', 'history', 'meta-created']);
    expect(outcome.target).toBe('http://b.test');
    expect(outcome.judge.counts().exchanges).toBe(3);
    expect(judgedAnything(outcome.judge)).toBe(true);
  });

  it('keeps the first exchanges and reads back any a later trace finding cites', async () => {
    const entries = [entry('x1', T0, 'POST', 'http://b.test/requests', 200, offerset(), request())];
    for (let i = 2; i <= 6; i += 1)
      entries.push(entry(`x${i}`, T0 + i * 1000, 'GET', `http://b.test/offersets/other${i}`, 404));
    // Read OFFERED ten minutes after it expired: a trace finding citing x7 alone.
    entries.push(
      entry('x7', T0 + 15 * MINUTE, 'GET', `http://b.test/sessions/${uuid}`, 200, session()),
    );
    const outcome = await checkTraffic({ inputs: [await har('b.har', entries)], keptExchanges: 2 });
    const ids = outcome.exchanges.map((x) => x.id).sort();
    expect(ids).toEqual(['x1', 'x2', 'x7']);
    const expiry = outcome.judge.tally.forRequirement('/req/expiry/offer-expires')[0];
    expect(expiry?.findings[0]?.exchangeIds).toEqual(['x7']);
  });

  it('takes the profile it is given, and says when it fell back to the default', async () => {
    const quiet = await har('c.har', [
      entry('x1', T0, 'GET', 'http://b.test/health', 200, { status: 'UP' }),
    ]);
    const given = await checkTraffic({ inputs: [quiet], profile: 'v1.0.5' });
    expect(given.profile).toEqual({ profile: 'v1.0.5', how: 'given with --profile' });
    const fallback = await checkTraffic({ inputs: [quiet] });
    expect(fallback.profile.how).toMatch(/^the default/);
  });

  it('never calls traffic with nothing to judge a pass', async () => {
    const quiet = await har('d.har', [
      entry('x1', T0, 'GET', 'http://b.test/health', 200, { status: 'UP' }),
    ]);
    const outcome = await checkTraffic({ inputs: [quiet] });
    expect(judgedAnything(outcome.judge)).toBe(false);
    const result = buildResult(
      outcome.judge,
      {
        mode: 'check',
        target: outcome.target,
        profile: 'v1.0.7',
        startedAt: new Date(),
        command: 't',
        tool,
      },
      outcome.exchanges,
    );
    expect(result.outcome).toBe('error');
    expect(result.exitCode).toBe(2);
    expect(result.requirements.every((r) => r.verdict === 'NOT_OBSERVED')).toBe(true);
  });

  it('runs only the rules asked for, by name or requirement, and refuses unknown ones', () => {
    expect(selectRules(['cores-min', '/req/schema/kind-known']).map((r) => r.name)).toEqual([
      'kind-known',
      'cores-min',
    ]);
    expect(() => selectRules(['nope'])).toThrow(/unknown rule\(s\) nope/);
  });
});
