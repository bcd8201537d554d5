import { describe, expect, it } from 'vitest';
import { ambientFindings, kindsIn, unknownKinds } from '../../suites/harness/checks.ts';
import type { Reply } from '../../suites/harness/client.ts';

function reply(status: number, contentType: string | undefined, body?: unknown): Reply {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    exchange: {
      id: 't-1',
      startedAt: new Date(0).toISOString(),
      durationMs: 1,
      request: { method: 'GET', url: 'http://x/y', headers: {} },
    },
    status,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    ...(contentType === undefined ? {} : { contentType }),
    text,
    ...(body === undefined ? {} : { body }),
    timedOut: false,
  };
}

describe('ambient checks', () => {
  it('flag a 5xx under no-5xx', () => {
    const findings = ambientFindings(reply(503, 'application/json', {}), { profile: 'v1.0.7' });
    expect(findings.map((f) => f.requirement)).toContain('/req/robustness/no-5xx');
  });

  it('flag a timeout under answers-promptly and nothing else', () => {
    const timedOut = { ...reply(0, undefined), timedOut: true, error: 'timeout after 5 ms' };
    expect(ambientFindings(timedOut, { profile: 'v1.0.7' })).toEqual([
      {
        requirement: '/req/robustness/answers-promptly',
        message: 'no complete answer: timeout after 5 ms',
      },
    ]);
  });

  it('flag a Content-Type that does not match a single-type Accept', () => {
    const findings = ambientFindings(reply(200, 'text/plain', { a: 1 }), {
      profile: 'v1.0.7',
      accept: 'application/json',
    });
    expect(findings.map((f) => f.requirement)).toEqual(['/req/negotiation/json-response']);
    expect(
      ambientFindings(reply(200, 'application/json', { a: 1 }), {
        profile: 'v1.0.7',
        accept: 'application/yaml',
      }).map((f) => f.requirement),
    ).toEqual(['/req/negotiation/yaml-response']);
  });

  it('attribute schema problems to their requirement with a JSON pointer', () => {
    const offerset = {
      meta: {
        uuid: '0b6f4a52-3c1e-4a8e-9f0e-2d7c5b1a9e33',
        messages: [{ level: 'LOUD', template: 't' }],
      },
      result: true,
      offers: [],
    };
    const findings = ambientFindings(reply(200, 'application/json', offerset), {
      profile: 'v1.0.7',
      expect: 'OfferSetResponse',
    });
    const byRequirement = new Set(findings.map((f) => f.requirement));
    expect(byRequirement.has('/req/schema/offerset-valid')).toBe(true);
    expect(byRequirement.has('/req/schema/message-valid')).toBe(true);
    expect(
      findings.filter((f) => f.requirement === '/req/schema/offerset-valid').map((f) => f.pointer),
    ).toContain('/result');
  });
});

describe('kind checks', () => {
  it('find every kind with its pointer, skipping message and connector kinds', () => {
    const doc = {
      kind: 'a',
      compute: { kind: 'b' },
      meta: { messages: [{ kind: 'urn:x' }] },
      connectors: [{ kind: 'tcp' }],
      list: [{ kind: 'c' }],
    };
    expect(kindsIn(doc).map((k) => k.pointer)).toEqual(['/kind', '/compute/kind', '/list/0/kind']);
  });

  it('report URIs the profile does not map', () => {
    const findings = unknownKinds('v1.0.7', {
      executable: { kind: 'https://example.org/kinds/nope' },
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.pointer).toBe('/executable/kind');
    expect(findings[0]?.requirement).toBe('/req/schema/kind-known');
  });
});

describe('status checks', () => {
  it('flag a create answered with a status the standard does not define', () => {
    const created = reply(201, 'application/json', {});
    created.exchange.request.method = 'POST';
    expect(
      ambientFindings(created, { profile: 'v1.0.7', expect: 'OfferSetResponse' }).map(
        (f) => f.requirement,
      ),
    ).toContain('/req/offerset/create-redirect-or-body');
    const redirected = reply(303, undefined);
    redirected.headers.location = 'http://x/offersets/1';
    redirected.exchange.request.method = 'POST';
    expect(ambientFindings(redirected, { profile: 'v1.0.7', expect: 'OfferSetResponse' })).toEqual(
      [],
    );
  });

  it('flag a 303 answer to create that names no Location', () => {
    const redirected = reply(303, undefined);
    redirected.exchange.request.method = 'POST';
    expect(ambientFindings(redirected, { profile: 'v1.0.7', expect: 'OfferSetResponse' })).toEqual([
      {
        requirement: '/req/offerset/create-redirect-or-body',
        message: 'a 303 answer to create has no Location header',
      },
      {
        requirement: '/req/offerset/location-absolute',
        message: 'the Location header is "", not an absolute http(s) URL',
      },
    ]);
  });

  it('flag a reset connection as no complete answer, but leave a refused one to the test', () => {
    const reset = { ...reply(0, undefined), error: 'UND_ERR_SOCKET' };
    expect(ambientFindings(reset, { profile: 'v1.0.7' }).map((f) => f.requirement)).toEqual([
      '/req/robustness/answers-promptly',
    ]);
    const refused = { ...reply(0, undefined), error: 'ECONNREFUSED' };
    expect(ambientFindings(refused, { profile: 'v1.0.7' })).toEqual([]);
  });
});
