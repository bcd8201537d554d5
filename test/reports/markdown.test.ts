import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../reports/markdown.ts';
import { fixture, hostileRun } from './fixtures.ts';

describe('summary.md', () => {
  it('starts with the verdict line', () => {
    const md = renderMarkdown(fixture('failing-run'));
    expect(md.split('\n')[0]).toBe(
      '## ❌ eb-conform: NOT CONFORMANT: 54/61 requirements pass, 3 fail, 1 error, 1 warn, 1 not applicable, 1 inconclusive (profile v1.0.7, fail-on must)',
    );
    expect(renderMarkdown(fixture('passing-run')).split('\n')[0]).toMatch(
      /^## ✅ eb-conform: CONFORMANT: 59\/61 requirements pass/,
    );
  });

  it('has an overview row and a requirement table for every class', () => {
    const run = fixture('failing-run');
    const md = renderMarkdown(run);
    for (const cls of run.classes) {
      expect(md).toContain(`| ${cls.name} |`);
      expect(md).toContain(`<b>${cls.name}</b>`);
    }
    expect(md).toContain('| `/req/expiry/offer-expires` | MUST | ❌ FAIL |');
  });

  it('lists the failures with their replay command, most severe first', () => {
    const md = renderMarkdown(fixture('failing-run'), { reportPath: 'reports/x/report.json' });
    const failures = md.slice(md.indexOf('### Failures (4)'));
    expect(failures).toContain(
      'eb-conform replay reports/x/report.json /req/expiry/offer-expires\n',
    );
    expect(failures.indexOf('/req/expiry/offer-expires')).toBeLessThan(
      failures.indexOf('/req/capacity/never-exceeded'),
    );
    expect(md).toContain('### Warnings and expected failures (1)');
  });

  it('names the target in replay commands for an external broker', () => {
    const run = { ...fixture('failing-run'), builtIn: false, target: 'https://broker.example/eb' };
    expect(renderMarkdown(run)).toContain(
      'eb-conform replay report.json /req/expiry/offer-expires --target https://broker.example/eb',
    );
  });

  it('escapes what the broker controls, so it cannot add markup or break a table', () => {
    const md = renderMarkdown(hostileRun());
    expect(md).not.toContain('<script>');
    expect(md).toContain('bad | message &lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(md).not.toMatch(/[\u0000-\u0008]/);
  });

  it('stays compact enough for a CI step summary', () => {
    expect(Buffer.byteLength(renderMarkdown(hostileRun()))).toBeLessThan(64 * 1024);
  });

  it('says first when the target could not be reached, with the failed connection', () => {
    const run = {
      ...fixture('passing-run'),
      outcome: 'unreachable' as const,
      exitCode: 2 as const,
      requirements: [],
      classes: [],
    };
    run.exchanges = [
      {
        id: 'x1',
        startedAt: run.startedAt,
        durationMs: 2,
        request: { method: 'GET', url: `${run.target}/sessions/x`, headers: {} },
        error: 'ECONNREFUSED',
      },
    ];
    const md = renderMarkdown(run);
    expect(md.split('\n')[0]).toContain('TARGET UNREACHABLE: no requirement was checked');
    expect(md).toContain('> **The target http://127.0.0.1:40123 could not be reached');
    expect(md).toContain('- `GET http://127.0.0.1:40123/sessions/x`: ECONNREFUSED');
  });
});

describe('seed notes', () => {
  const withSeed = (message: string) => {
    const run = fixture('failing-run');
    const evidence = run.requirements
      .flatMap((req) => req.cases)
      .flatMap((c) => c.evidence)
      .find((e) => e.seed !== undefined)!;
    evidence.message = message;
    return renderMarkdown(run);
  };

  it('adds the seed and path to evidence that does not say them', () => {
    expect(withSeed('offered more cores than asked')).toContain(
      'offered more cores than asked at `/offers/0/compute/cores/min` (seed 1234, path `3:1:0`)',
    );
  });

  it('does not repeat a seed the message already gives', () => {
    const md = withSeed('offered more cores (shortest sequence: create; seed 1234, path 3:1:0)');
    expect(md).toContain('(shortest sequence: create; seed 1234, path 3:1:0) at `/offers');
    expect(md.match(/seed 1234, path/g)).toHaveLength(1);
  });
});
