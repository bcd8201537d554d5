// What the rules found, per rule: how many things each judged, its findings (the first few
// kept as evidence, all of them counted) and why it could not run, when it could not.

import type { Finding, Judgement, Rule } from '../rules/types.ts';

/** Evidence kept per rule; the rest is counted. */
export const KEPT_FINDINGS = 20;

export interface RuleTally {
  rule: Rule;
  observed: number;
  findings: Finding[];
  /** Every finding, kept or not. */
  found: number;
  skipped?: string;
}

export class Tally {
  private readonly byRule = new Map<string, RuleTally>();

  constructor(rules: readonly Rule[]) {
    for (const rule of rules)
      this.byRule.set(rule.name, { rule, observed: 0, findings: [], found: 0 });
  }

  add(rule: Rule, judgement: Judgement): void {
    const entry = this.byRule.get(rule.name);
    if (entry === undefined) return;
    entry.observed += judgement.observed;
    entry.found += judgement.findings.length;
    for (const finding of judgement.findings)
      if (entry.findings.length < KEPT_FINDINGS) entry.findings.push(finding);
    if (judgement.skipped !== undefined) entry.skipped = judgement.skipped;
  }

  rules(): RuleTally[] {
    return [...this.byRule.values()];
  }

  forRequirement(requirement: string): RuleTally[] {
    return this.rules().filter((entry) => entry.rule.requirement === requirement);
  }

  /** Every exchange id a kept finding cites. */
  cited(): Set<string> {
    return new Set(this.rules().flatMap((entry) => entry.findings.flatMap((f) => f.exchangeIds)));
  }
}
