import { readFile } from 'node:fs/promises';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { RunResult } from '../../contract/result.ts';
import { applyExpectations, parseExpectations } from '../../reports/expectations.ts';
import { renderJunit } from '../../reports/junit.ts';
import { fixture, hostileRun } from './fixtures.ts';

const xsd = await readFile(new URL('../../reports/junit.xsd', import.meta.url), 'utf8');

async function schemaErrors(xml: string): Promise<string[]> {
  const outcome = await validateXML({
    xml: [{ fileName: 'junit.xml', contents: xml }],
    schema: [{ fileName: 'junit.xsd', contents: xsd }],
  });
  return outcome.errors.map((error) => error.rawMessage);
}

interface Case {
  '@_name': string;
  '@_classname': string;
  failure?: { '#text'?: string; '@_type': string; '@_message': string };
  error?: { '#text'?: string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_skipped': string;
  properties: { property: { '@_name': string; '@_value': string }[] };
  testcase: Case[];
}

function parse(xml: string): Suite[] {
  const doc = new XMLParser({
    ignoreAttributes: false,
    htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  }).parse(xml) as {
    testsuites: { testsuite: Suite[] };
  };
  return doc.testsuites.testsuite;
}

function unreachable(): RunResult {
  const run = fixture('passing-run');
  return {
    ...run,
    outcome: 'unreachable',
    exitCode: 2,
    requirements: [],
    classes: [],
    exchanges: [],
    timeline: [],
  };
}

describe('junit.xml', () => {
  const cases: [string, () => RunResult][] = [
    ['a passing run', () => fixture('passing-run')],
    ['a failing run', () => fixture('failing-run')],
    ['a run with hostile broker text', hostileRun],
    ['an unreachable target', unreachable],
  ];
  it.each(cases)('validates against reports/junit.xsd for %s', async (_name, make) => {
    expect(await schemaErrors(renderJunit(make()))).toEqual([]);
  });

  it('the XSD really checks: a testcase without a name is rejected', async () => {
    const broken = renderJunit(fixture('passing-run')).replace(
      /<testcase name="[^"]*"/,
      '<testcase',
    );
    expect((await schemaErrors(broken)).join('\n')).toMatch(/name/);
  });

  it('keeps <testsuites> to the attributes Jenkins accepts (no skipped total there)', async () => {
    const xml = renderJunit(fixture('failing-run'));
    expect(xml).toMatch(/<testsuites name="[^"]*" tests="\d+" failures="\d+" errors="\d+" time=/);
    const withSkipped = xml.replace('<testsuites ', '<testsuites skipped="1" ');
    expect((await schemaErrors(withSkipped)).join('\n')).toMatch(/skipped/);
  });

  it('has one testsuite per class and one testcase per requirement named "<id> <statement>"', () => {
    const run = fixture('failing-run');
    const suites = parse(renderJunit(run));
    expect(suites.map((suite) => suite['@_name'])).toEqual(run.classes.map((cls) => cls.name));
    const names = suites.flatMap((suite) => suite.testcase.map((c) => c['@_name']));
    expect(names).toEqual(run.requirements.map((req) => `${req.id} ${req.statement}`));
  });

  it('carries seed and profile as properties', () => {
    const props = parse(renderJunit(fixture('failing-run')))[0]?.properties.property ?? [];
    expect(props).toContainEqual({ '@_name': 'seed', '@_value': '1234' });
    expect(props).toContainEqual({ '@_name': 'profile', '@_value': 'v1.0.7' });
  });

  it('puts a minimal reproduction in the failure text: counterexample, exchange and replay command', () => {
    const suites = parse(renderJunit(fixture('failing-run'), { reportPath: 'out/report.json' }));
    const robustness = suites.find((suite) => suite['@_name'] === 'robustness');
    const noFiveHundred = robustness?.testcase.find((c) =>
      c['@_name'].startsWith('/req/robustness/no-5xx '),
    );
    const text = noFiveHundred?.failure?.['#text'] ?? '';
    expect(noFiveHundred?.failure?.['@_type']).toBe('FAIL MUST');
    expect(text).toContain('counterexample:');
    expect(text).toContain('{"compute": {"cores": ');
    expect(text).toContain('HTTP 500');
    expect(text).toContain('POST http://127.0.0.1:40123/requests');
    expect(text).toContain('reproduce: eb-conform replay out/report.json /req/robustness/no-5xx');
  });

  it('reports NOT_APPLICABLE and expected failures as skipped, and they do not count as failures', () => {
    const run = fixture('failing-run');
    applyExpectations(
      run,
      parseExpectations(
        '- requirement: /req/expiry/offer-expires\n  reason: known, upstream issue 7\n',
      ),
    );
    const suites = parse(renderJunit(run));
    const expiry = suites.find((suite) => suite['@_name'] === 'expiry');
    const expected = expiry?.testcase.find((c) =>
      c['@_name'].startsWith('/req/expiry/offer-expires '),
    );
    expect(expected?.skipped?.['@_message']).toContain('known, upstream issue 7');
    expect(expiry?.['@_failures']).toBe('0');
    const direct = suites.find((suite) => suite['@_name'] === 'direct');
    expect(direct?.testcase.find((c) => c.skipped !== undefined)?.skipped?.['@_message']).toMatch(
      /^not applicable/,
    );
  });

  it('counts WARN as a failure only when the gate is at should', () => {
    const run = fixture('failing-run');
    const warnCase = (xml: string) =>
      parse(xml)
        .flatMap((suite) => suite.testcase)
        .find((c) => c['@_name'].startsWith('/req/matching/cores-max '));
    expect(warnCase(renderJunit(run))?.failure).toBeUndefined();
    expect(warnCase(renderJunit(run))?.['system-out']).toContain('WARN');
    expect(warnCase(renderJunit({ ...run, failOn: 'should' }))?.failure?.['@_type']).toBe(
      'WARN SHOULD',
    );
  });

  it('shows an unreachable target as an error, not as an empty green run', () => {
    const suites = parse(renderJunit(unreachable()));
    expect(suites).toHaveLength(1);
    expect(suites[0]?.testcase[0]?.error?.['#text']).toContain('could not be reached');
  });

  it('keeps hostile text inert: no stray markup, no forbidden characters', () => {
    const xml = renderJunit(hostileRun());
    expect(xml).not.toContain('<script>');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xml).toContain('&lt;/pre&gt;&lt;script&gt;');
  });
});
