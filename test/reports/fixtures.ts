// Hand-made RunResults for the report writers' tests (fixtures/reports/), plus a hostile
// variant whose broker-controlled text tries to break every output format.

import { readFileSync } from 'node:fs';
import type { Exchange, RunResult } from '../../contract/result.ts';

export function fixture(name: 'passing-run' | 'failing-run'): RunResult {
  const url = new URL(`../../fixtures/reports/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as RunResult;
}

export const HOSTILE_BODY =
  '</pre><script>alert(1)</script>]]><!-- | `x` \u0000\u0007\uFFFF \uD800 & <b>';

/** The failing run, with markup, control characters and delimiters wherever a broker's text goes. */
export function hostileRun(): RunResult {
  const run = fixture('failing-run');
  for (const exchange of run.exchanges) {
    if (exchange.response !== undefined) {
      exchange.response.body = HOSTILE_BODY;
      exchange.response.headers['x-evil'] = '"><img src=x onerror=alert(2)>';
    }
  }
  const failing = run.requirements.find((req) => req.verdict === 'FAIL');
  const evidence = failing?.cases[0]?.evidence[0];
  if (evidence !== undefined) {
    evidence.message = `bad | message ${HOSTILE_BODY}`;
    evidence.counterexample = { body: HOSTILE_BODY };
  }
  run.timeline.push({
    sessionUuid: '<svg onload=alert(3)>',
    requestedWindows: [{ start: 'not a date', end: '2026-11-23T19:00:00Z' }],
    phases: [{ phase: '<EVIL>', at: '2026-11-23T19:00:01Z' }],
  });
  return run;
}

/** A recorded exchange of about `size` characters, with a kind set by method, path and status. */
export function recorded(
  n: number,
  options: { path?: string; status?: number; size?: number; method?: string } = {},
): Exchange {
  return {
    id: `x${n}`,
    startedAt: new Date(Date.UTC(2026, 10, 29, 18, 0, 0, n * 10)).toISOString(),
    durationMs: 3,
    request: {
      method: options.method ?? 'GET',
      url: `http://127.0.0.1:40123${options.path ?? `/sessions/00000000-0000-4000-8000-${String(n).padStart(12, '0')}`}`,
      headers: { accept: 'application/json' },
    },
    response: {
      status: options.status ?? 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        phase: 'OFFERED',
        pad: 'x'.repeat(Math.max(0, (options.size ?? 1500) - 300)),
      }),
    },
  };
}

/** The passing run holding `exchanges`, its first requirement citing `citedIds`. */
export function runWith(exchanges: Exchange[], citedIds: string[] = []): RunResult {
  const run = fixture('passing-run');
  run.exchanges = exchanges;
  const first = run.requirements[0]!;
  first.cases = [
    {
      id: `${first.id}#1`,
      name: 'cites',
      verdict: 'PASS',
      evidence: [{ message: 'seen', exchangeIds: citedIds }],
      durationMs: 1,
    },
  ];
  for (const req of run.requirements.slice(1)) req.cases = [];
  return run;
}
