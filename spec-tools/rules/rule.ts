// What a lint rule is and what it reports. Rules only say where (file + JSON pointer) and what;
// the runner turns pointers into lines and attaches the rule id and severity, so every rule
// reports the same way.
import type { SpecSet } from '../load/spec-set.ts';
import type { SchemaChecker } from '../schema-check.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface RuleContext {
  set: SpecSet;
  /** Built on first use: compiling every file with Ajv is the slowest part of a lint. */
  schemaChecker(): SchemaChecker;
}

export interface RawFinding {
  file: string;
  pointer: string;
  message: string;
  hint: string;
  /** Only where a pointer cannot say where (a file that does not parse). */
  line?: number;
  /** Overrides the rule's default severity for this one finding. */
  severity?: Severity;
  /**
   * Keys of what this finding would explain if it were fixed, e.g. `component:Name` for a
   * broken reference to Name. A finding of another rule that lists the same key in
   * `explainedBy` is folded under this one (it is a consequence, not a second problem).
   */
  explains?: string[];
  explainedBy?: string[];
}

export interface LintRule {
  /** Stable id, used in output, tests and suppressions; never renamed. */
  id: string;
  severity: Severity;
  /** One line: what the rule looks for. */
  summary: string;
  /** One line: how to fix any finding of the rule (findings carry their own, specific hint). */
  fix: string;
  check(context: RuleContext): RawFinding[];
}
