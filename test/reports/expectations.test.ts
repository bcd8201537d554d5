import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ExpectationsError,
  applyExpectations,
  catalogueIds,
  loadExpectations,
  parseExpectations,
} from '../../reports/expectations.ts';
import { verdictLine } from '../../reports/gate.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { fixture } from './fixtures.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function issuesOf(text: string): { line: number; message: string }[] {
  try {
    parseExpectations(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpectationsError);
    return (error as ExpectationsError).issues;
  }
  throw new Error('expected the file to be refused');
}

const KNOWN_FAILURES = `# known failures of the reference broker with two faults on
expectations:
  - requirement: /req/expiry/offer-expires
    reason: offers never expire (fault no-expiry)
  - requirement: /req/robustness/no-5xx
    reason: malformed bodies get 500 (fault 5xx-on-bad-input)
  - requirement: /req/robustness/answers-promptly
    reason: hangs on bad input
  - requirement: /req/capacity/never-exceeded
    reason: the capacity check crashes on this broker
  - requirement: /req/lifecycle/reject-offered
    reason: used to leave rejected offers OFFERED (fixed since)
`;

describe('expectations', () => {
  it('reads the catalogue ids from spec/requirements.yaml', () => {
    const ids = catalogueIds();
    expect(ids.has('/req/expiry/offer-expires')).toBe(true);
    expect(ids.size).toBeGreaterThan(40);
  });

  it('loads a file, keeping each entry with its line number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eb-expect-'));
    dirs.push(dir);
    const file = join(dir, 'known.yaml');
    await writeFile(file, KNOWN_FAILURES);
    const loaded = loadExpectations(file);
    expect(loaded.entries).toHaveLength(5);
    expect(loaded.entries[0]).toEqual({
      requirement: '/req/expiry/offer-expires',
      reason: 'offers never expire (fault no-expiry)',
      line: 3,
    });
  });

  it('accepts a bare list and an empty file', () => {
    expect(
      parseExpectations('- requirement: /req/robustness/no-5xx\n  reason: r\n').entries,
    ).toHaveLength(1);
    expect(parseExpectations('').entries).toEqual([]);
    expect(parseExpectations('expectations: []\n').entries).toEqual([]);
  });

  it('refuses unknown ids, missing reasons, unknown keys and duplicates, each with its line', () => {
    const issues = issuesOf(
      [
        'expectations:',
        '  - requirement: /req/no/such-thing',
        '    reason: typo',
        '  - requirement: /req/robustness/no-5xx',
        '  - requirement: /req/expiry/offer-expires',
        '    reason: ok',
        '    bug: 12',
        '  - requirement: /req/expiry/offer-expires',
        '    reason: again',
        '  - just a string',
      ].join('\n'),
    );
    expect(issues).toEqual([
      { line: 2, message: 'unknown requirement id "/req/no/such-thing"' },
      { line: 4, message: 'entry for /req/robustness/no-5xx needs a non-empty "reason"' },
      { line: 7, message: 'unknown key "bug" (allowed: requirement, reason)' },
      { line: 8, message: '/req/expiry/offer-expires is already listed on line 5' },
      { line: 10, message: 'an entry must be a mapping with "requirement" and "reason"' },
    ]);
  });

  it('reports YAML syntax errors and wrong shapes with a line, and names the file in the message', () => {
    expect(issuesOf('expectations:\n  - requirement: [unclosed\n')[0]?.message).toMatch(
      /^YAML syntax/,
    );
    // A binary file given by mistake: one readable line, not a screenful of parser echoes.
    const binary = issuesOf('a: b: c\n\u0001\u0002: "\n: ]]\n}{\n');
    expect(binary).toHaveLength(1);
    expect(binary[0]?.message).toMatch(/^YAML syntax: .+ \(and \d+ more after it\)$/);
    expect(binary[0]?.message).not.toContain('\u0001');
    expect(issuesOf('expectations: 12\n')).toEqual([
      { line: 1, message: 'expected a list of entries, each with "requirement" and "reason"' },
    ]);
    expect(issuesOf('known: []\n')[0]?.message).toBe(
      'unknown top-level key "known" (expected "expectations")',
    );
    expect(() => loadExpectations('/nonexistent/known.yaml')).toThrow(
      /invalid expectations file \/nonexistent\/known.yaml/,
    );
  });

  it('turns the gate green when every failure is expected, and flags the entry that now passes as stale', () => {
    const run = fixture('failing-run');
    expect(run.outcome).toBe('non-conformant');
    const returned = applyExpectations(run, parseExpectations(KNOWN_FAILURES));
    expect(returned).toBe(run);
    expect(run.outcome).toBe('conformant');
    expect(run.exitCode).toBe(0);
    const byId = new Map(run.requirements.map((req) => [req.id, req]));
    expect(byId.get('/req/expiry/offer-expires')?.expected).toEqual({
      reason: 'offers never expire (fault no-expiry)',
      stale: false,
    });
    expect(byId.get('/req/lifecycle/reject-offered')?.expected?.stale).toBe(true);
    expect(renderMarkdown(run)).toContain('### Stale expectations (1)');
  });

  it('counts an excused failure once, as expected, so a green verdict line names no failure', () => {
    const run = fixture('failing-run');
    applyExpectations(run, parseExpectations(KNOWN_FAILURES));
    const line = verdictLine(run);
    expect(line).toMatch(/^CONFORMANT: /);
    expect(line).toContain('4 expected failures, 1 stale expectation');
    expect(line).not.toMatch(/\d+ (fail|error)\b/);
  });

  it('leaves the gate red for failures that are not listed', () => {
    const run = fixture('failing-run');
    applyExpectations(
      run,
      parseExpectations('- requirement: /req/expiry/offer-expires\n  reason: known\n'),
    );
    expect(run.outcome).toBe('non-conformant');
    expect(run.exitCode).toBe(1);
  });

  it('cannot make an unreachable target green', () => {
    const run = {
      ...fixture('failing-run'),
      outcome: 'unreachable' as const,
      exitCode: 2 as const,
    };
    applyExpectations(run, parseExpectations(KNOWN_FAILURES));
    expect(run.outcome).toBe('unreachable');
    expect(run.exitCode).toBe(2);
  });
});
