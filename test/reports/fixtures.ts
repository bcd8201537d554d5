// Hand-made RunResults for the report writers' tests (fixtures/reports/), plus a hostile
// variant whose broker-controlled text tries to break every output format.

import { readFileSync } from 'node:fs';
import type { RunResult } from '../../contract/result.ts';

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
