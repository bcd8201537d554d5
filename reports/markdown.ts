// summary.md: what a CI step summary shows. GitHub-flavoured Markdown, compact: the verdict
// line, one overview table, one collapsed table per class, then each problem with the command
// that reproduces it. Everything from the target is escaped, because a hostile broker
// controls its response text.

import type { RequirementResult, RunResult } from '../contract/result.ts';
import {
  blocksGate,
  countVerdicts,
  isExpectedFailure,
  problemRequirements,
  staleExpectations,
} from '../contract/index.ts';
import {
  bySeverity,
  runDurationSeconds,
  runProblem,
  transportFailures,
  verdictLine,
} from './gate.ts';
import { failingCases, seedNote } from './evidence.ts';
import { replayHint } from './replay-hint.ts';
import { ICON, cell, code, inline } from './md-text.ts';

export interface MarkdownOptions {
  /** Path of report.json as the reader will see it, used in replay commands. */
  reportPath?: string;
}

function verdictCell(req: RequirementResult): string {
  if (isExpectedFailure(req)) return `${ICON[req.verdict]} ${req.verdict} (expected)`;
  if (req.expected?.stale === true)
    return `${ICON[req.verdict]} ${req.verdict} (stale expectation)`;
  return `${ICON[req.verdict]} ${req.verdict}`;
}

function overview(result: RunResult): string[] {
  const lines = [
    '| class | verdict | pass | fail | warn | error | n/a | inconclusive |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const cls of result.classes) {
    const c = countVerdicts(result.requirements.filter((req) => req.class === cls.name));
    lines.push(
      `| ${cell(cls.name)} | ${ICON[cls.verdict]} ${cls.verdict} | ${c.PASS} | ${c.FAIL} | ${c.WARN} | ${c.ERROR} | ${c.NOT_APPLICABLE} | ${c.INCONCLUSIVE} |`,
    );
  }
  return lines;
}

function classTables(result: RunResult): string[] {
  const lines: string[] = [];
  for (const cls of result.classes) {
    const reqs = result.requirements.filter((req) => req.class === cls.name);
    if (reqs.length === 0) continue;
    lines.push(
      `<details><summary>${ICON[cls.verdict]} <b>${inline(cls.name)}</b>: ${reqs.length} requirement${reqs.length === 1 ? '' : 's'}</summary>`,
      '',
      '| requirement | level | verdict | statement |',
      '| --- | --- | --- | --- |',
      ...reqs.map(
        (req) =>
          `| ${code(req.id)} | ${req.level} | ${verdictCell(req)} | ${cell(req.statement)} |`,
      ),
      '',
      '</details>',
      '',
    );
  }
  return lines;
}

function problem(result: RunResult, req: RequirementResult, reportPath: string): string[] {
  const lines = [
    `#### ${ICON[req.verdict]} ${req.verdict} ${code(req.id)} (${req.level})`,
    '',
    inline(req.statement),
    '',
  ];
  if (req.expected !== undefined)
    lines.push(`Expected failure: ${inline(req.expected.reason)}`, '');
  for (const c of failingCases(req).slice(0, 3)) {
    for (const evidence of c.evidence.slice(0, 2)) {
      const where = evidence.pointer === undefined ? '' : ` at ${code(evidence.pointer)}`;
      const note = seedNote(evidence);
      const seed =
        note === undefined
          ? ''
          : ` (seed ${note.seed}${note.path === undefined ? '' : `, path ${code(note.path)}`})`;
      lines.push(`- ${inline(c.name)}: ${inline(evidence.message)}${where}${seed}`);
    }
  }
  lines.push('', '```sh', replayHint(result, req.id, reportPath), '```', '');
  return lines;
}

function problemLines(result: RunResult): string[] {
  const broken = runProblem(result);
  if (broken === undefined) return [];
  const errors = transportFailures(result)
    .slice(0, 3)
    .map(
      (x) =>
        `- ${code(`${x.request.method} ${x.request.url}`)}: ${inline(x.error ?? 'no response')}`,
    );
  return [`> **${inline(broken)}**`, '', ...errors, ...(errors.length > 0 ? [''] : [])];
}

export function renderMarkdown(result: RunResult, options: MarkdownOptions = {}): string {
  const reportPath = options.reportPath ?? 'report.json';
  const problems = problemRequirements(result).sort(bySeverity);
  const blocking = problems.filter((req) => blocksGate(req, result.failOn));
  const excused = problems.filter((req) => !blocksGate(req, result.failOn));
  const stale = staleExpectations(result);
  const icon = result.outcome === 'conformant' ? '✅' : '❌';
  const lines = [
    `## ${icon} eb-conform: ${inline(verdictLine(result))}`,
    '',
    `Target ${code(result.target)}${result.builtIn ? ' (built-in reference broker)' : ''} · seed ${result.seed} · ${result.runs} runs per property · ${runDurationSeconds(result).toFixed(1)} s · eb-conform ${inline(result.tool.version)} · spec ${code(result.specHash.replace(/^sha256:/, '').slice(0, 12))}`,
    '',
    ...problemLines(result),
    `Coverage: ${result.coverage.covered} of ${result.coverage.total} requirements checked.`,
    '',
    ...overview(result),
    '',
    ...classTables(result),
  ];
  if (blocking.length > 0) {
    lines.push(`### Failures (${blocking.length})`, '');
    for (const req of blocking) lines.push(...problem(result, req, reportPath));
  }
  if (excused.length > 0) {
    lines.push(`### Warnings and expected failures (${excused.length})`, '');
    for (const req of excused) lines.push(...problem(result, req, reportPath));
  }
  if (stale.length > 0) {
    lines.push(
      `### Stale expectations (${stale.length})`,
      '',
      'These requirements are listed as known failures but now pass: remove them from the expectations file.',
      '',
      ...stale.map((req) => `- ${code(req.id)}: ${inline(req.expected?.reason ?? '')}`),
      '',
    );
  }
  lines.push(`Reproduce the whole run: ${code(result.command)}`, '');
  return lines.join('\n');
}
