// From what the rules found to a verdict per requirement of the catalogue: FAIL or WARN (by
// level) where a rule found a problem, PASS where a rule judged something and found none,
// NOT_OBSERVED where nothing in the traffic bore on the requirement. Never PASS by default.

import {
  countVerdicts,
  failureVerdict,
  worstVerdict,
  type CaseResult,
  type ClassResult,
  type Coverage,
  type Evidence,
  type RequirementResult,
} from '../../contract/index.ts';
import { loadRequirements, type Requirement } from '../../spec/index.ts';
import type { Finding } from '../rules/types.ts';
import type { Note } from './engine.ts';
import type { RuleTally, Tally } from './tally.ts';

/** Why a requirement no rule judges cannot be judged from traffic. */
export const NEEDS_THE_SUITE =
  'no rule judges it from recorded traffic: it needs the suite to act on the broker (eb-conform run)';

function evidenceOf(finding: Finding): Evidence {
  const where =
    finding.exchangeIds.length === 0 && finding.where !== undefined ? `${finding.where}: ` : '';
  return {
    message: `${where}${finding.message}`,
    exchangeIds: finding.exchangeIds,
    ...(finding.pointer === undefined ? {} : { pointer: finding.pointer }),
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function ruleCase(requirement: Requirement, entry: RuleTally, index: number): CaseResult {
  const id = `${requirement.id}#${index}`;
  const name = entry.rule.name;
  if (entry.found > 0) {
    const evidence = entry.findings.map(evidenceOf);
    if (entry.found > entry.findings.length)
      evidence.push({
        message: `${entry.found - entry.findings.length} more of the same`,
        exchangeIds: [],
      });
    return {
      id,
      name: `${name}: ${plural(entry.found, 'problem')} in ${entry.observed} judged`,
      verdict: failureVerdict(requirement.level),
      evidence,
      durationMs: 0,
    };
  }
  if (entry.observed > 0)
    return {
      id,
      name: `${name}: ${entry.observed} judged, no problem`,
      verdict: 'PASS',
      evidence: [],
      durationMs: 0,
    };
  return {
    id,
    name: `${name}: nothing to judge`,
    verdict: 'NOT_OBSERVED',
    evidence: [
      {
        message: entry.skipped ?? 'nothing in the traffic bears on this requirement',
        exchangeIds: [],
      },
    ],
    durationMs: 0,
  };
}

function notesCase(requirement: Requirement, notes: readonly Note[], index: number): CaseResult {
  return {
    id: `${requirement.id}#${index}`,
    name: `not judged: ${plural(notes.length, 'body')} that ${notes.length === 1 ? 'is' : 'are'} not ExecutionBroker documents`,
    verdict: 'NOT_OBSERVED',
    evidence: notes.slice(0, 20).map((note) => ({
      message: `${note.where}: ${note.message}`,
      exchangeIds: note.exchangeIds,
    })),
    durationMs: 0,
  };
}

export function requirementResults(tally: Tally, notes: readonly Note[]): RequirementResult[] {
  return loadRequirements().map((requirement) => {
    const entries = tally.forRequirement(requirement.id);
    const cases = entries.map((entry, i) => ruleCase(requirement, entry, i + 1));
    const noted = notes.filter((note) => note.requirement === requirement.id);
    if (noted.length > 0) cases.push(notesCase(requirement, noted, cases.length + 1));
    if (cases.length === 0)
      cases.push({
        id: `${requirement.id}#1`,
        name: 'not judged from traffic',
        verdict: 'NOT_OBSERVED',
        evidence: [{ message: NEEDS_THE_SUITE, exchangeIds: [] }],
        durationMs: 0,
      });
    return {
      id: requirement.id,
      class: requirement.class,
      level: requirement.level,
      source: requirement.source,
      statement: requirement.statement,
      verdict: worstVerdict(cases.map((c) => c.verdict)) ?? 'NOT_OBSERVED',
      cases,
      checkedBy: entries.map((entry) => `suites/rules/${entry.rule.name}.ts`),
    };
  });
}

export function classResults(requirements: readonly RequirementResult[]): ClassResult[] {
  return [...new Set(requirements.map((r) => r.class))].map((name) => {
    const members = requirements.filter((r) => r.class === name);
    return {
      name,
      verdict: worstVerdict(members.map((m) => m.verdict)) ?? 'NOT_OBSERVED',
      counts: countVerdicts(members),
    };
  });
}

export function coverageOf(requirements: readonly RequirementResult[]): Coverage {
  const uncovered = requirements.filter((r) => r.checkedBy.length === 0);
  return {
    total: requirements.length,
    covered: requirements.length - uncovered.length,
    notTestable: uncovered.map((r) => ({ id: r.id, reason: NEEDS_THE_SUITE })),
  };
}
