// Every rule of the registry is shown to find the problem it is about, to find nothing where
// there is none, and to say it judged nothing where nothing bears on it.

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getRequirement } from '../../spec/index.ts';
import { Trace } from '../../suites/history/trace.ts';
import { RULES, rulesFor } from '../../suites/rules/index.ts';
import type { Judgement, Rule } from '../../suites/rules/types.ts';
import { context } from './documents.ts';
import { EXAMPLES, type Subject } from './examples.ts';

function judge(rule: Rule, subject: Subject): Judgement {
  if (rule.scope === 'exchange' && 'view' in subject) return rule.judge(subject.view, context);
  if (rule.scope === 'offer' && 'offer' in subject) return rule.judge(subject.offer, context);
  if (rule.scope === 'trace' && 'history' in subject)
    return rule.judge(new Trace(subject.history), context);
  throw new Error(`the example for ${rule.name} is not a ${rule.scope} subject`);
}

describe('the rule registry', () => {
  it('names each rule once, after its file, and judges only catalogued requirements', () => {
    const names = RULES.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of RULES) {
      expect(
        existsSync(new URL(`../../suites/rules/${rule.name}.ts`, import.meta.url)),
        rule.name,
      ).toBe(true);
      expect(getRequirement(rule.requirement), `${rule.name}: ${rule.requirement}`).toBeDefined();
      expect(rulesFor(rule.requirement)).toContain(rule);
    }
  });

  it('has a breaking and a keeping example for every rule', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(RULES.map((rule) => rule.name).sort());
  });
});

describe.each(RULES.map((rule) => [rule.name, rule] as const))('rule %s', (_name, rule) => {
  const example = EXAMPLES[rule.name];
  if (example === undefined) return;

  it('finds the problem it is about, under its own requirement', () => {
    const judgement = judge(rule, example.bad);
    expect(judgement.findings.length).toBeGreaterThan(0);
    expect(judgement.observed).toBeGreaterThan(0);
    for (const finding of judgement.findings) {
      expect(finding.requirement).toBe(rule.requirement);
      expect(finding.message.length).toBeGreaterThan(10);
    }
  });

  it('finds nothing where nothing is wrong, and says it judged something', () => {
    const judgement = judge(rule, example.good);
    expect(judgement.findings.map((finding) => finding.message)).toEqual([]);
    expect(judgement.observed).toBeGreaterThan(0);
  });

  // Rules that judge every offer (its phase, its expiry) have nothing they cannot judge.
  const nothing = example.nothing;
  if (nothing !== undefined)
    it('judges nothing where nothing bears on it', () => {
      const judgement = judge(rule, nothing);
      expect(judgement.findings).toEqual([]);
      expect(judgement.observed).toBe(0);
    });
});
