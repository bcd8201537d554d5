import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../contract/result.ts';
import { classifier } from '../../suites/judge/classify.ts';
import { Judge } from '../../suites/judge/engine.ts';
import { viewOfExchange } from '../../suites/judge/view.ts';
import { context, offerset, request, session, T0 } from '../rules/documents.ts';

const json = { 'content-type': 'application/json' };

function exchange(
  id: string,
  method: string,
  url: string,
  status: number,
  body?: unknown,
  extra: Partial<Exchange> = {},
): Exchange {
  return {
    id,
    startedAt: new Date(T0).toISOString(),
    durationMs: 5,
    request: {
      method,
      url,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
    },
    response: {
      status,
      headers: body === undefined ? {} : json,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    ...extra,
  };
}

const classify = classifier('v1.0.7');
const observe = (x: Exchange, at = T0) =>
  viewOfExchange(x, classify, { requestHeaders: true, seen: { from: at, to: at + 5 } });

describe('the judge', () => {
  it('classifies exchanges by the profile paths', () => {
    expect(classify.classify('POST', 'http://b/requests').op).toBe('create');
    expect(classify.classify('GET', 'http://b/base/offersets/1').op).toBe('offerset');
    expect(classify.classify('POST', 'http://b/sessions/u%201')).toEqual({
      op: 'update',
      uuid: 'u 1',
    });
    expect(classify.classify('GET', 'http://b/sessions/u/docker/stdout-get').op).toBe('other');
    expect(classifier('v1.0.5').classify('POST', 'http://b/sessions').op).toBe('direct');
  });

  it('judges a 303 create with the offers its Location GET gives, against the create request', () => {
    const judge = new Judge(context);
    const wanted = request({ compute: { kind: 'x', cores: { min: 4 } } });
    const post = exchange('x1', 'POST', 'http://b/requests', 303, undefined, {});
    post.request.body = JSON.stringify(wanted);
    post.response!.headers = { location: 'http://127.0.0.1:9/offersets/abc' };
    expect(judge.add(observe(post), 'x1')).toEqual([]);
    const get = exchange('x2', 'GET', 'http://localhost:9/offersets/abc', 200, offerset());
    const findings = judge.add(observe(get, T0 + 10), 'x2');
    expect(findings.map((f) => [f.requirement, f.exchangeIds])).toEqual([
      ['/req/matching/cores-min', ['x1', 'x2']],
    ]);
    judge.finish();
    const create = judge.events.filter((e) => e.op === 'create');
    expect(create.map((e) => [e.type, e.time])).toEqual([
      ['invoke', T0],
      ['ok', T0 + 15],
    ]);
  });

  it('turns reads and updates into history events, and runs the trace rules at the end', () => {
    const judge = new Judge(context);
    const post = exchange('x1', 'POST', 'http://b/requests', 200, offerset());
    post.request.body = JSON.stringify(request());
    judge.add(observe(post), 'x1');
    const uuid = '5ec79894-814f-4f81-9561-2fe4bfc6010d';
    const accept = exchange(
      'x2',
      'POST',
      `http://b/sessions/${uuid}`,
      200,
      session({ phase: 'OFFERED' }),
    );
    accept.request.body = JSON.stringify({
      kind: 'uri:enum-value-update',
      path: 'phase',
      value: 'ACCEPTED',
    });
    judge.add(observe(accept, T0 + 100), 'x2');
    judge.finish();
    expect(judge.events.map((e) => `${e.type} ${e.op}`)).toEqual([
      'invoke create',
      'ok create',
      'invoke accept',
      'ok accept',
    ]);
    const noted = judge.tally.forRequirement('/req/lifecycle/options-offered')[0];
    expect(noted?.observed).toBe(1);
    expect(judge.counts()).toMatchObject({ exchanges: 2, documents: 2, offersets: 1, sessions: 1 });
  });

  it('notes a body that is not an ExecutionBroker document instead of judging it as one', () => {
    const judge = new Judge(context);
    const error = exchange('x1', 'POST', 'http://b/requests', 400, {
      timestamp: 't',
      status: 400,
      error: 'Bad Request',
      path: '/requests',
    });
    const findings = judge.add(observe(error), 'x1');
    expect(findings).toEqual([]);
    expect(judge.notes).toEqual([
      {
        requirement: '/req/schema/offerset-valid',
        message:
          'not an ExecutionBroker document: a web framework\'s error body (status 400 "Bad Request" for /requests)',
        where: 'POST http://b/requests (x1)',
        exchangeIds: ['x1'],
      },
    ]);
    const ok = exchange('x2', 'GET', 'http://b/sessions/u', 200, { hello: 'world' });
    expect(judge.add(observe(ok), 'x2').map((f) => f.requirement)).toEqual([
      '/req/schema/session-valid',
    ]);
    expect(judge.notes).toHaveLength(1);
  });
});
