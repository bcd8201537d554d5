// Known failures of one target, kept outside the tests (WPT-style metadata). A listed
// requirement that fails is reported as an expected failure and does not fail the gate; one
// that now passes is flagged stale so the file can be pruned.
//
// File format (YAML):
//
//   expectations:
//     - requirement: /req/expiry/offer-expires
//       reason: offers never expire (upstream issue 123)
//
// A bare list of entries is accepted too.

import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { RunResult } from '../contract/result.ts';
import { gateOutcome } from '../contract/index.ts';

export interface Expectation {
  requirement: string;
  reason: string;
  /** 1-based line of the entry in its file, for messages that point back at it. */
  line: number;
}

export interface Expectations {
  file: string;
  entries: Expectation[];
}

export interface ExpectationIssue {
  line: number;
  message: string;
}

/** Thrown for an unreadable or invalid file; the message lists every problem as file:line. */
export class ExpectationsError extends Error {
  readonly file: string;
  readonly issues: ExpectationIssue[];

  constructor(file: string, issues: ExpectationIssue[]) {
    super(
      `invalid expectations file ${file}:\n` +
        issues.map((issue) => `  ${file}:${issue.line}: ${issue.message}`).join('\n'),
    );
    this.name = 'ExpectationsError';
    this.file = file;
    this.issues = issues;
  }
}

export interface LoadExpectationsOptions {
  /** Requirement ids an entry may name; default: the ids of spec/requirements.yaml. */
  knownIds?: Iterable<string>;
}

const ENTRY_KEYS = new Set(['requirement', 'reason']);

/**
 * The catalogue's ids, read as data so this module does not depend on the spec loader's API.
 * When the catalogue does not parse as YAML (it is edited by hand), its `- id:` lines still
 * name every requirement, so those are used rather than refusing every expectations file.
 */
export function catalogueIds(): Set<string> {
  const text = readFileSync(new URL('../spec/requirements.yaml', import.meta.url), 'utf8');
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    return new Set(
      [...text.matchAll(/^\s*-\s*id:\s*['"]?([^\s'"#]+)/gm)].map((match) => match[1] ?? ''),
    );
  }
  const data = doc.toJS() as { requirements?: { id?: unknown }[] };
  return new Set(
    (data.requirements ?? [])
      .map((req) => req.id)
      .filter((id): id is string => typeof id === 'string'),
  );
}

export function loadExpectations(
  file: string,
  options: LoadExpectationsOptions = {},
): Expectations {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ExpectationsError(file, [
      { line: 0, message: `cannot read the file: ${(error as Error).message}` },
    ]);
  }
  return parseExpectations(text, file, options);
}

/** The parsing half of loadExpectations, for text that does not come from a file. */
export function parseExpectations(
  text: string,
  file = '<expectations>',
  options: LoadExpectationsOptions = {},
): Expectations {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined): number =>
    node?.range === undefined || node.range === null ? 1 : lines.linePos(node.range[0]).line;

  // The first syntax error is the one to fix; the parser's later ones mostly echo it (a binary
  // file given by mistake yields dozens of lines of garbage otherwise).
  const [first] = doc.errors;
  if (first !== undefined) {
    const said = (first.message.split('\n')[0] ?? first.code).replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    // eslint-disable-next-line no-control-regex -- control characters are exactly what goes
    const printable = said.replace(/[\u0000-\u001f\u007f-\u009f\uFFFD]/g, '?').slice(0, 160);
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more after it)` : '';
    throw new ExpectationsError(file, [
      { line: first.linePos?.[0]?.line ?? 1, message: `YAML syntax: ${printable}${more}` },
    ]);
  }
  const issues: ExpectationIssue[] = [];

  let list: Node | null | undefined = doc.contents;
  if (isMap(list)) {
    for (const pair of list.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (key !== 'expectations') {
        issues.push({
          line: lineOf(pair.key as Node),
          message: `unknown top-level key "${key}" (expected "expectations")`,
        });
      }
    }
    list = list.get('expectations', true) as Node | undefined;
  }
  if (list === null || list === undefined || (isScalar(list) && list.value === null)) {
    if (issues.length > 0) throw new ExpectationsError(file, issues);
    return { file, entries: [] };
  }
  if (!isSeq(list)) {
    throw new ExpectationsError(file, [
      ...issues,
      {
        line: lineOf(list),
        message: 'expected a list of entries, each with "requirement" and "reason"',
      },
    ]);
  }

  const known = new Set(options.knownIds ?? catalogueIds());
  const seen = new Map<string, number>();
  const entries: Expectation[] = [];
  for (const item of list.items as Node[]) {
    const line = lineOf(item);
    if (!isMap(item)) {
      issues.push({ line, message: 'an entry must be a mapping with "requirement" and "reason"' });
      continue;
    }
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (!ENTRY_KEYS.has(key)) {
        issues.push({
          line: lineOf(pair.key as Node),
          message: `unknown key "${key}" (allowed: requirement, reason)`,
        });
      }
    }
    const requirement = item.get('requirement');
    const reason = item.get('reason');
    if (typeof requirement !== 'string' || requirement.trim() === '') {
      issues.push({
        line,
        message: 'missing "requirement" (a requirement id such as /req/expiry/offer-expires)',
      });
      continue;
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      issues.push({ line, message: `entry for ${requirement} needs a non-empty "reason"` });
      continue;
    }
    if (!known.has(requirement)) {
      issues.push({ line, message: `unknown requirement id "${requirement}"` });
      continue;
    }
    const previous = seen.get(requirement);
    if (previous !== undefined) {
      issues.push({ line, message: `${requirement} is already listed on line ${previous}` });
      continue;
    }
    seen.set(requirement, line);
    entries.push({ requirement, reason: reason.trim(), line });
  }
  if (issues.length > 0) throw new ExpectationsError(file, issues);
  return { file, entries };
}

/**
 * Marks listed requirements as expected failures (stale when they no longer fail) and
 * recomputes the outcome and exit code. The result is updated in place and also returned, so
 * callers may use either style. Entries for requirements this run did not include are ignored.
 */
export function applyExpectations(result: RunResult, expectations: Expectations): RunResult {
  const byId = new Map(expectations.entries.map((entry) => [entry.requirement, entry]));
  for (const req of result.requirements) {
    const entry = byId.get(req.id);
    if (entry === undefined) continue;
    // Only a PASS proves the entry wrong; NOT_APPLICABLE or INCONCLUSIVE say nothing either way.
    req.expected = { reason: entry.reason, stale: req.verdict === 'PASS' };
  }
  Object.assign(result, gateOutcome(result));
  return result;
}
