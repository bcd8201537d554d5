// `check` on the one corpus of real broker answers we have: the Calycopis broker's own test
// conversations (../shared/upstream/calycopis-traffic). The known facts of its README must be
// found, and nothing the standard allows may be called a problem.

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequirementResult } from '../../contract/result.ts';
import { UPSTREAM_DIR } from '../../spec/index.ts';
import { checkResult, checkTraffic, type CheckOutcome } from '../../suites/judge/check.ts';

const TRAFFIC = join(UPSTREAM_DIR, 'calycopis-traffic');
const present = existsSync(TRAFFIC);
const tool = { name: 'eb-conform' as const, version: 'test' };

describe.skipIf(!present)(
  'check on the Calycopis traffic (skipped: ../shared/upstream absent)',
  () => {
    let outcome: CheckOutcome;
    let requirements: Map<string, RequirementResult>;
    let dir: string;

    beforeAll(async () => {
      outcome = await checkTraffic({ inputs: [TRAFFIC] });
      const result = checkResult(outcome, { startedAt: new Date(), command: 'test', tool });
      requirements = new Map(result.requirements.map((r) => [r.id, r]));
      dir = await mkdtemp(join(tmpdir(), 'eb-calycopis-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    const verdict = (id: string) => requirements.get(id)?.verdict;
    const evidence = (id: string) =>
      (requirements.get(id)?.cases ?? [])
        .flatMap((c) => c.evidence.map((e) => e.message))
        .join('\n');

    it('reads the folder as v1.0.5, timed by meta.created', () => {
      expect(outcome.profile.profile).toBe('v1.0.5');
      expect(outcome.profile.how).toMatch(/kind URIs/);
      expect(outcome.timeSources).toEqual(['meta-created']);
      expect(outcome.target).toBe('http://127.0.0.1:8082');
    });

    it('reports memory above the requested maximum (a SHOULD: WARN)', () => {
      expect(verdict('/req/matching/memory-max')).toBe('WARN');
      expect(evidence('/req/matching/memory-max')).toMatch(
        /001\/001-002-offerset-response.yaml: offer 0 provides up to 10 GiB of memory; the request allowed at most 9/,
      );
    });

    it('reports the missing options', () => {
      expect(verdict('/req/lifecycle/options-offered')).toBe('WARN');
      expect(evidence('/req/lifecycle/options-offered')).toMatch(/meta\.options is absent/);
      expect(verdict('/req/lifecycle/options-after-accept')).toBe('WARN');
    });

    it('reports the session PREPARING long before its schedule, and storage and volumes dropped', () => {
      expect(verdict('/req/lifecycle/progresses')).toBe('WARN');
      expect(evidence('/req/lifecycle/progresses')).toMatch(
        /001\/001-012-offerset-response.json: session a73562c4-.* was PREPARING .* before its own schedule.preparing.start 2025-11-25T07:13:00Z/,
      );
      expect(verdict('/req/matching/storage-min')).toBe('FAIL');
      expect(evidence('/req/matching/storage-min')).toMatch(
        /007\/007-002-offerset-response.yaml: .*"working-storage-007-04"; the request asked for at least 2048/,
      );
      expect(verdict('/req/matching/volumes-kept')).toBe('FAIL');
    });

    it('reports 006 as not an ExecutionBroker document, never as a session', () => {
      const note = outcome.judge.notes.find(
        (n) => n.where === '006/006-002-offerset-response.yaml',
      );
      expect(note?.message).toBe(
        'not an ExecutionBroker document: a web framework\'s error body (status 400 "Bad Request" for /offersets)',
      );
      expect(evidence('/req/schema/session-valid')).not.toMatch(/006/);
      expect(evidence('/req/schema/offerset-valid')).toMatch(
        /006\/006-002.*not an ExecutionBroker document/,
      );
    });

    it('raises no false alarm on what the standard allows: server-set names, longer offers', () => {
      expect(verdict('/req/matching/executable-echoed')).toBe('PASS');
      expect(verdict('/req/matching/duration-min')).toBe('PASS');
      expect(verdict('/req/schema/kind-known')).toBe('PASS');
      expect(verdict('/req/schema/offerset-valid')).toBe('PASS');
      expect(verdict('/req/schema/session-valid')).toBe('PASS');
      expect(verdict('/req/lifecycle/terminal-stable')).toBe('PASS');
    });

    it('does not guess what status lines would have said', () => {
      for (const id of [
        '/req/offerset/create-redirect-or-body',
        '/req/robustness/no-5xx',
        '/req/negotiation/json-response',
      ])
        expect(verdict(id), id).toBe('NOT_OBSERVED');
    });

    it('raises no alarm on a 303 that carries the offer set in its body', async () => {
      const body = readFileSync(join(TRAFFIC, '001', '001-002-offerset-response.yaml'), 'utf8');
      const file = join(dir, 'created.txt');
      await writeFile(
        file,
        `$ curl -si -X POST http://127.0.0.1:8082/offersets -H 'Content-Type: application/yaml'\n` +
          `HTTP/1.1 303 See Other\nLocation: http://127.0.0.1:8082/offersets/2d67672a-4b39-424d-94be-9d1ac48b5810\n` +
          `Content-Type: application/yaml\nDate: Tue, 25 Nov 2025 05:12:50 GMT\n\n${body}`,
      );
      const check = await checkTraffic({ inputs: [file] });
      const result = checkResult(check, { startedAt: new Date(), command: 'test', tool });
      const of = (id: string) => result.requirements.find((r) => r.id === id)?.verdict;
      expect(of('/req/offerset/create-redirect-or-body')).toBe('PASS');
      expect(of('/req/schema/offerset-valid')).toBe('PASS');
      expect(of('/req/offerset/location-absolute')).toBe('PASS');
    });
  },
);
