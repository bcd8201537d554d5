// `eb-conform spec lint`: every rule over a spec set, findings sorted by file and line, and the
// findings that only follow from another one (a component unused because the references to it
// are broken) marked with their cause, so that the text output can fold them under it.
import { openSpecSet } from './load/spec-set.ts';
import { isUrl, localCopy } from './load/remote.ts';
import { LINT_RULES } from './rules/catalogue.ts';
import { missingKeyFiles } from './rules/mapping-keys.ts';
import type { LintRule, RawFinding, Severity } from './rules/rule.ts';
import { createSchemaChecker } from './schema-check.ts';
import type { SchemaChecker } from './schema-check.ts';

export interface Finding {
  rule: string;
  severity: Severity;
  /** Path relative to the linted folder (or the linted file's folder). */
  file: string;
  line: number;
  /** JSON pointer inside the file. */
  pointer: string;
  message: string;
  hint: string;
  /** Set when fixing another finding (this one) would make this one go away too. */
  causedBy?: { rule: string; file: string; line: number };
}

export interface LintReport {
  target: string;
  /** Files a remote description named that could not be fetched (not 404s: those are findings). */
  notes?: string[];
  files: string[];
  roots: string[];
  findings: Finding[];
  counts: Record<Severity, number>;
  byRule: Record<string, number>;
}

export interface LintOptions {
  /** Run only these rule ids. */
  rules?: string[];
  /** What to call the target in the report (the URL a remote description came from). */
  displayTarget?: string;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface Collected {
  finding: Finding;
  raw: RawFinding;
}

function runRule(rule: LintRule, context: Parameters<LintRule['check']>[0]): RawFinding[] {
  try {
    return rule.check(context);
  } catch (error) {
    // A rule tripping over a strange document must not hide what the other rules found.
    return [
      {
        file: context.set.origin,
        pointer: '',
        message: `rule crashed: ${(error as Error).message}`,
        hint: 'report this as a bug in eb-conform',
        severity: 'info',
      },
    ];
  }
}

/** Marks each finding whose `explainedBy` key another rule's finding `explains`. */
function foldConsequences(collected: Collected[]): void {
  const causes = new Map<string, Collected>();
  for (const entry of collected) {
    for (const key of entry.raw.explains ?? []) if (!causes.has(key)) causes.set(key, entry);
  }
  for (const entry of collected) {
    const cause = (entry.raw.explainedBy ?? [])
      .map((key) => causes.get(key))
      .find(
        (candidate) => candidate !== undefined && candidate.finding.rule !== entry.finding.rule,
      );
    if (!cause) continue;
    const { rule, file, line } = cause.finding;
    entry.finding.causedBy = { rule, file, line };
  }
}

/** Lints a file, a folder, or a URL (fetched with what it references; see load/remote.ts). */
export async function lintSpec(target: string, options: LintOptions = {}): Promise<LintReport> {
  const copy = await localCopy(target);
  try {
    if (isUrl(target)) await copy.fetchMore(missingKeyFiles(openSpecSet(copy.path)));
    const report = lintLocal(copy.path, { displayTarget: target, ...options });
    return copy.problems.length > 0 ? { ...report, notes: copy.problems } : report;
  } finally {
    copy.close();
  }
}

function lintLocal(target: string, options: LintOptions): LintReport {
  const set = openSpecSet(target);
  let checker: SchemaChecker | undefined;
  const context = { set, schemaChecker: () => (checker ??= createSchemaChecker(set)) };
  const selected: readonly LintRule[] = options.rules
    ? LINT_RULES.filter((rule) => options.rules?.includes(rule.id))
    : LINT_RULES;

  const collected: Collected[] = [];
  for (const rule of selected) {
    for (const raw of runRule(rule, context)) {
      const finding: Finding = {
        rule: rule.id,
        severity: raw.severity ?? rule.severity,
        file: set.display(raw.file),
        line: raw.line ?? set.file(raw.file)?.lineOf(raw.pointer) ?? 1,
        pointer: raw.pointer,
        message: raw.message,
        hint: raw.hint,
      };
      collected.push({ finding, raw });
    }
  }
  foldConsequences(collected);
  const findings = collected.map((entry) => entry.finding);
  findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.rule.localeCompare(b.rule),
  );
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byRule: Record<string, number> = {};
  for (const finding of findings) {
    counts[finding.severity]++;
    byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  }
  return {
    target: options.displayTarget ?? target,
    files: [...set.files.keys()].map((file) => set.display(file)).sort(),
    roots: set.roots.map((root) => set.display(root)),
    findings,
    counts,
    byRule,
  };
}
