// The spec tools for standards editors: lint, examples and diff. The CLI (cli/spec.ts) and
// anything else reach them through this list only.
export { lintSpec } from './lint.ts';
export type { Finding, LintReport, LintOptions } from './lint.ts';
export { formatLintText } from './lint-format.ts';
export type { LintTextOptions } from './lint-format.ts';
export { LINT_RULES } from './rules/catalogue.ts';
export type { LintRule, Severity } from './rules/rule.ts';
export { checkExamples, extractSnippets } from './examples.ts';
export { formatExamplesText } from './examples/format.ts';
export type { ExamplesTextOptions } from './examples/format.ts';
export { typeFromShape } from './examples/judge.ts';
export type {
  ExampleResult,
  ExamplesReport,
  ExamplesOptions,
  ExampleVerdict,
  ExampleIssue,
} from './examples/types.ts';
export { diffSpecs, diffTargets } from './diff.ts';
export { formatDiffText } from './diff/format.ts';
export type { DiffReport, DiffTextOptions } from './diff/format.ts';
export type { Change, ChangeKind } from './diff/change.ts';
export { openSpecSet } from './load/spec-set.ts';
export type { SpecSet } from './load/spec-set.ts';
export { InputError } from './input-error.ts';
export { localCopy, isUrl, DEFAULT_FETCH_LIMITS } from './load/remote.ts';
export type { LocalCopy, FetchLimits } from './load/remote.ts';
