import { describe, expect, it } from 'vitest';
import { renderHar } from '../../reports/har.ts';
import { REDACTED, isSecretName, redactResult } from '../../reports/redact.ts';
import { fixture } from './fixtures.ts';

interface HarEntry {
  startedDateTime: string;
  comment: string;
  request: {
    method: string;
    url: string;
    headers: { name: string; value: string }[];
    postData?: { text: string };
  };
  response: { status: number; content: { text?: string; mimeType: string }; redirectURL: string };
  _error?: string;
}

function entries(text: string): HarEntry[] {
  return (JSON.parse(text) as { log: { entries: HarEntry[] } }).log.entries;
}

describe('exchanges.har', () => {
  it('is HAR 1.2 with one entry per recorded exchange', () => {
    const run = fixture('failing-run');
    const log = (
      JSON.parse(renderHar(run)) as { log: { version: string; creator: { name: string } } }
    ).log;
    expect(log.version).toBe('1.2');
    expect(log.creator.name).toBe('eb-conform');
    const list = entries(renderHar(run));
    expect(list.map((e) => e.comment).sort()).toEqual(run.exchanges.map((x) => x.id).sort());
  });

  it('gives every entry the fields HAR 1.2 requires', () => {
    const required = {
      entry: ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings'],
      request: [
        'method',
        'url',
        'httpVersion',
        'cookies',
        'headers',
        'queryString',
        'headersSize',
        'bodySize',
      ],
      response: [
        'status',
        'statusText',
        'httpVersion',
        'cookies',
        'headers',
        'content',
        'redirectURL',
        'headersSize',
        'bodySize',
      ],
      content: ['size', 'mimeType'],
      timings: ['send', 'wait', 'receive'],
    };
    const list = JSON.parse(renderHar(fixture('failing-run'))).log.entries as Record<
      string,
      Record<string, unknown>
    >[];
    for (const e of list) {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(required.entry));
      expect(Object.keys(e.request!)).toEqual(expect.arrayContaining(required.request));
      expect(Object.keys(e.response!)).toEqual(expect.arrayContaining(required.response));
      expect(Object.keys(e.response!.content as object)).toEqual(
        expect.arrayContaining(required.content),
      );
      expect(Object.keys(e.timings!)).toEqual(expect.arrayContaining(required.timings));
      expect(Number.isNaN(Date.parse(String(e.startedDateTime)))).toBe(false);
    }
  });

  it('keeps bodies, redirects and transport failures', () => {
    const list = entries(renderHar(fixture('failing-run')));
    const create = list.find((e) => e.comment === 'x1');
    expect(create?.request.postData?.text).toContain('docker-container');
    expect(create?.response.status).toBe(303);
    expect(create?.response.redirectURL).toMatch(/\/offersets\//);
    const timedOut = list.find((e) => e._error !== undefined);
    expect(timedOut?.response.status).toBe(0);
    expect(timedOut?._error).toBe('timeout after 10000 ms');
  });

  it('redacts Authorization, Cookie and secret-looking headers named with -H', () => {
    const run = fixture('failing-run');
    run.exchanges[0]!.request.headers['x-custom-tenant'] = 'tenant-7';
    const text = renderHar(redactResult(run, ['X-Custom-Tenant']));
    expect(text).not.toContain('s3cr3t-token');
    expect(text).not.toContain('k-123');
    expect(text).not.toContain('sid=abc');
    expect(text).not.toContain('tenant-7');
    const headers = entries(text).find((e) => e.comment === 'x1')?.request.headers ?? [];
    expect(headers).toContainEqual({ name: 'authorization', value: REDACTED });
    expect(headers).toContainEqual({ name: 'content-type', value: 'application/json' });
  });

  it('judges header names, not values', () => {
    for (const name of [
      'Authorization',
      'Proxy-Authorization',
      'Cookie',
      'X-Api-Key',
      'X-Auth-Token',
      'X-Client-Secret',
    ]) {
      expect(isSecretName(name)).toBe(true);
    }
    for (const name of ['Content-Type', 'Accept', 'Location', 'User-Agent'])
      expect(isSecretName(name)).toBe(false);
  });

  it('redacts credentials in URLs too', () => {
    const run = fixture('passing-run');
    run.exchanges[0]!.request.url = 'http://user:pw@127.0.0.1:40123/requests?access_token=abc&x=1';
    const url = entries(renderHar(redactResult(run)))[0]?.request.url;
    expect(url).not.toContain('abc');
    expect(url).not.toContain('pw@');
    expect(url).toContain('x=1');
  });
});
