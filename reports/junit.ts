// junit.xml: one testsuite per conformance class, one testcase per requirement, in the
// Jenkins/Ant shape every CI JUnit viewer reads (reports/junit.xsd describes exactly what is
// written). A failure's text is a minimal reproduction: what went wrong, the counterexample,
// the exchange that shows it and the replay command.

import type { RequirementResult, RunResult } from '../contract/result.ts';
import { blocksGate, isExpectedFailure, isUnchecked } from '../contract/index.ts';
import {
  evidenceExchangeIds,
  exchangeIndex,
  failingCases,
  formatCounterexample,
  formatExchange,
  seedNote,
} from './evidence.ts';
import { replayHint } from './replay-hint.ts';
import { escapeAttr, escapeText } from './xml-text.ts';

export interface JunitOptions {
  reportPath?: string;
}

/** How many cases and exchanges a failure text shows; the rest is in report.html and report.json. */
const MAX_CASES = 5;
const MAX_EXCHANGES = 2;
const EXCHANGE_BODY_CHARS = 2000;

type Outcome =
  | { kind: 'pass'; note?: string }
  | { kind: 'skipped'; message: string }
  | { kind: 'failure' | 'error'; type: string; message: string; text: string };

function firstMessage(req: RequirementResult): string {
  for (const c of failingCases(req))
    for (const e of c.evidence) if (e.message !== '') return e.message;
  return '';
}

function reproduction(result: RunResult, req: RequirementResult, reportPath: string): string {
  const exchanges = exchangeIndex(result);
  const lines: string[] = [
    `${req.id} (${req.level}): ${req.statement}`,
    `source: ${req.source}`,
    '',
  ];
  const cases = failingCases(req);
  for (const c of cases.slice(0, MAX_CASES)) {
    lines.push(`case ${c.id}: ${c.verdict}${c.name === '' ? '' : ` (${c.name})`}`);
    for (const e of c.evidence) {
      lines.push(`  ${e.message}`);
      if (e.pointer !== undefined) lines.push(`  at ${e.pointer}`);
      const note = seedNote(e);
      if (note !== undefined)
        lines.push(`  seed ${note.seed}${note.path === undefined ? '' : `, path ${note.path}`}`);
      if (e.counterexample !== undefined) {
        lines.push(
          '  counterexample:',
          ...formatCounterexample(e.counterexample)
            .split('\n')
            .map((l) => `    ${l}`),
        );
      }
    }
  }
  if (cases.length > MAX_CASES)
    lines.push(`... and ${cases.length - MAX_CASES} more cases (see report.json)`);
  const shown = evidenceExchangeIds(cases)
    .map((id) => exchanges.get(id))
    .filter((x) => x !== undefined)
    .slice(0, MAX_EXCHANGES);
  for (const exchange of shown) {
    lines.push(
      '',
      `--- exchange ${exchange.id} ---`,
      formatExchange(exchange, EXCHANGE_BODY_CHARS),
    );
  }
  lines.push('', `reproduce: ${replayHint(result, req.id, reportPath)}`);
  return lines.join('\n');
}

function outcomeOf(result: RunResult, req: RequirementResult, reportPath: string): Outcome {
  if (isExpectedFailure(req))
    return {
      kind: 'skipped',
      message: `expected failure (${req.verdict}): ${req.expected?.reason ?? ''}`,
    };
  const note =
    req.expected?.stale === true
      ? `stale expectation: now passes; remove it from the expectations file (${req.expected.reason})`
      : undefined;
  switch (req.verdict) {
    case 'PASS':
      return note === undefined ? { kind: 'pass' } : { kind: 'pass', note };
    case 'NOT_APPLICABLE':
      return { kind: 'skipped', message: `not applicable: ${firstMessage(req)}` };
    case 'NOT_OBSERVED':
      return { kind: 'skipped', message: `not observed: ${firstMessage(req)}` };
    case 'INCONCLUSIVE':
      // A requirement the gate needed but could not check fails the job (exit 4), so the
      // JUnit view must not show it as a harmless skip.
      if (isUnchecked(req, result.failOn) && result.allowIncomplete !== true)
        return {
          kind: 'failure',
          type: `INCOMPLETE ${req.level}`,
          message: `not checked: ${firstMessage(req)}`,
          text: reproduction(result, req, reportPath),
        };
      return { kind: 'skipped', message: `inconclusive: ${firstMessage(req)}` };
    case 'WARN':
      if (!blocksGate(req, result.failOn))
        return {
          kind: 'pass',
          note: `WARN (${req.level}): ${reproduction(result, req, reportPath)}`,
        };
      return {
        kind: 'failure',
        type: `WARN ${req.level}`,
        message: firstMessage(req),
        text: reproduction(result, req, reportPath),
      };
    case 'FAIL':
      return {
        kind: 'failure',
        type: `FAIL ${req.level}`,
        message: firstMessage(req),
        text: reproduction(result, req, reportPath),
      };
    case 'ERROR':
      return {
        kind: 'error',
        type: 'ERROR',
        message: firstMessage(req),
        text: reproduction(result, req, reportPath),
      };
  }
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** The Ant schema's timestamp has no zone and no fraction; the run's instants are UTC. */
function antTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '1970-01-01T00:00:00' : date.toISOString().slice(0, 19);
}

function hostOf(target: string): string {
  try {
    return new URL(target).hostname || 'unknown';
  } catch {
    return 'unknown';
  }
}

function testcase(
  result: RunResult,
  req: RequirementResult,
  reportPath: string,
): { xml: string; outcome: Outcome } {
  const outcome = outcomeOf(result, req, reportPath);
  const time = req.cases.reduce((sum, c) => sum + c.durationMs, 0);
  const open = `    <testcase name="${escapeAttr(`${req.id} ${req.statement}`)}" classname="${escapeAttr(`eb-conform.${req.class}`)}" time="${seconds(time)}"`;
  switch (outcome.kind) {
    case 'pass':
      return {
        outcome,
        xml:
          outcome.note === undefined
            ? `${open}/>`
            : `${open}>\n      <system-out>${escapeText(outcome.note)}</system-out>\n    </testcase>`,
      };
    case 'skipped':
      return {
        outcome,
        xml: `${open}>\n      <skipped message="${escapeAttr(outcome.message)}"/>\n    </testcase>`,
      };
    case 'failure':
    case 'error':
      return {
        outcome,
        xml: `${open}>\n      <${outcome.kind} message="${escapeAttr(outcome.message)}" type="${escapeAttr(outcome.type)}">${escapeText(outcome.text)}</${outcome.kind}>\n    </testcase>`,
      };
  }
}

function properties(result: RunResult): string {
  const props: [string, string][] = [
    ['profile', result.profile],
    ['seed', String(result.seed)],
    ['runs', String(result.runs)],
    ['target', result.target],
    ['builtIn', String(result.builtIn)],
    ['specHash', result.specHash],
    ['tool', `${result.tool.name} ${result.tool.version}`],
    ['failOn', result.failOn],
    ['outcome', result.outcome],
    ['command', result.command],
  ];
  return props
    .map(
      ([name, value]) =>
        `      <property name="${escapeAttr(name)}" value="${escapeAttr(value)}"/>`,
    )
    .join('\n');
}

function classNames(result: RunResult): string[] {
  const names = result.classes.map((cls) => cls.name);
  for (const req of result.requirements) if (!names.includes(req.class)) names.push(req.class);
  return names;
}

export function renderJunit(result: RunResult, options: JunitOptions = {}): string {
  const reportPath = options.reportPath ?? 'report.json';
  const timestamp = antTimestamp(result.startedAt);
  const hostname = hostOf(result.target);
  const totals = { tests: 0, failures: 0, errors: 0, ms: 0 };
  const suites: string[] = [];
  for (const name of classNames(result)) {
    const reqs = result.requirements.filter((req) => req.class === name);
    const cases = reqs.map((req) => testcase(result, req, reportPath));
    const count = (kind: Outcome['kind']) => cases.filter((c) => c.outcome.kind === kind).length;
    const ms = reqs.reduce((sum, req) => sum + req.cases.reduce((s, c) => s + c.durationMs, 0), 0);
    const suite = {
      tests: cases.length,
      failures: count('failure'),
      errors: count('error'),
      skipped: count('skipped'),
    };
    totals.tests += suite.tests;
    totals.failures += suite.failures;
    totals.errors += suite.errors;
    totals.ms += ms;
    suites.push(
      [
        `  <testsuite name="${escapeAttr(name)}" tests="${suite.tests}" failures="${suite.failures}" errors="${suite.errors}" skipped="${suite.skipped}" time="${seconds(ms)}" timestamp="${timestamp}" hostname="${escapeAttr(hostname)}">`,
        '    <properties>',
        properties(result),
        '    </properties>',
        ...cases.map((c) => c.xml),
        `    <system-out>${escapeText(`${name}: ${result.classes.find((cls) => cls.name === name)?.verdict ?? 'no verdict'}`)}</system-out>`,
        '    <system-err/>',
        '  </testsuite>',
      ].join('\n'),
    );
  }
  if (result.outcome === 'unreachable' || result.outcome === 'error') {
    // Without this a dead target would show as an empty, green test run in CI viewers.
    const message =
      result.outcome === 'unreachable'
        ? `the target ${result.target} could not be reached`
        : 'the conformance run itself failed';
    const detail =
      result.requirements.length === 0
        ? 'no requirement was checked'
        : `${result.requirements.length} requirements have results above`;
    totals.tests += 1;
    totals.errors += 1;
    suites.push(
      [
        `  <testsuite name="run" tests="1" failures="0" errors="1" skipped="0" time="0.000" timestamp="${timestamp}" hostname="${escapeAttr(hostname)}">`,
        '    <properties>',
        properties(result),
        '    </properties>',
        `    <testcase name="${escapeAttr(`run ${result.outcome}`)}" classname="eb-conform.run" time="0.000">`,
        `      <error message="${escapeAttr(message)}" type="${escapeAttr(result.outcome.toUpperCase())}">${escapeText(`${message}; ${detail}.\nreproduce: ${result.command}`)}</error>`,
        '    </testcase>',
        '    <system-out/>',
        '    <system-err/>',
        '  </testsuite>',
      ].join('\n'),
    );
  }
  // No `skipped` total on <testsuites>: Jenkins' xunit schema (junit-10.xsd) rejects it there;
  // the per-suite counts carry it.
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeAttr(`eb-conform ${result.profile} ${result.target}`)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${seconds(totals.ms)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
