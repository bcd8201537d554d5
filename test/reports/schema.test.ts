import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_VERSION } from '../../contract/result.ts';
import { readReport, reportSchemaIssues, writeReports } from '../../reports/index.ts';
import { fixture, hostileRun } from './fixtures.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('report.schema.json', () => {
  it('accepts both hand-made fixtures', () => {
    expect(reportSchemaIssues(fixture('passing-run'))).toEqual([]);
    expect(reportSchemaIssues(fixture('failing-run'))).toEqual([]);
  });

  it('accepts what writeReports writes as report.json, hostile content included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eb-schema-'));
    dirs.push(dir);
    await writeReports(hostileRun(), dir);
    const written = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as unknown;
    expect(reportSchemaIssues(written)).toEqual([]);
  });

  it('describes the report version the harness writes', async () => {
    const schema = JSON.parse(
      await readFile(new URL('../../reports/report.schema.json', import.meta.url), 'utf8'),
    ) as {
      properties: { reportVersion: { pattern: string } };
    };
    expect(new RegExp(schema.properties.reportVersion.pattern).test(REPORT_VERSION)).toBe(true);
  });

  it('names the place and the problem when a report is malformed', () => {
    const broken = fixture('failing-run') as unknown as Record<string, unknown>;
    broken.outcome = 'fine';
    delete broken.seed;
    const issues = reportSchemaIssues(broken);
    expect(issues.some((issue) => issue.startsWith('/outcome:'))).toBe(true);
    expect(issues.some((issue) => issue.includes("must have required property 'seed'"))).toBe(true);
  });

  it('readReport refuses a file that is not a report, with a clear message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eb-schema-'));
    dirs.push(dir);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'junk.json'), '{"hello": 1}');
    await writeFile(join(dir, 'not-json.json'), '{');
    expect(() => readReport(join(dir, 'junk.json'))).toThrow(/is not an eb-conform report/);
    expect(() => readReport(join(dir, 'not-json.json'))).toThrow(/is not JSON/);
    expect(() => readReport(join(dir, 'absent.json'))).toThrow(/cannot read/);
  });
});
