// `eb-conform spec <tool>`: the tools for standards editors (cli/main.ts loads this file only when
// a spec command runs); exit codes are the same for all: 0 clean, 1 problems found, 2 usage error.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { listProfiles } from '../spec/index.ts';
import { validateCommand } from '../spec/validate-command.ts';
import {
  checkExamples,
  diffTargets,
  formatDiffText,
  formatExamplesText,
  formatLintText,
  InputError,
  LINT_RULES,
  lintSpec,
} from '../spec-tools/index.ts';

type Tool = (argv: string[]) => Promise<number>;

const USAGE = `usage: eb-conform spec <tool> [options]

tools:
  lint <file|folder|URL> [--format text|json] [--rule ID]... [--verbose]
        check an OpenAPI description (one file or a multi-file folder); exit 1 on errors
  examples <file|folder|URL>... [--spec FILE|URL] [--profile P] [--format text|json] [--verbose]
        extract example documents (YAML, JSON, Markdown, LaTeX) and validate them
  diff <old> <new> [--format text|json] [--verbose]
        what changed between two versions (files, folders or URLs); exit 1 when breaking
  validate ...
        validate documents with the spec module (see \`eb-conform spec validate --help\`)

A URL is fetched with every file its relative references reach (same origin, 15 s and 8 MiB
per file, 500 files at most); an unreachable URL is a usage error. Exit codes: 0 clean,
1 problems found, 2 usage error or unreadable input.`;

class UsageError extends Error {}

/** `spec examples --help`, with what each profile can and cannot check. */
function examplesHelp(): string {
  const lines = [
    'usage: eb-conform spec examples <file|folder|URL>... [--spec FILE|URL] [--profile P] [--format text|json] [--verbose]',
    '',
    'Reads LaTeX listings, Markdown code blocks, YAML/JSON documents and the examples written in',
    'OpenAPI descriptions (checked against their own description); a folder is read whole.',
    "Without --spec, documents are checked against the project's spec in a wire profile, picked",
    'from what the inputs say (kind URIs, a `type` or `kind` discriminator, a LaTeX draft);',
    '--profile overrides the pick. Text output groups the verdicts; --verbose lists each example.',
    '',
    'profiles:',
  ];
  for (const profile of listProfiles()) {
    const complete = profile.missing.length === 0;
    lines.push(`  ${profile.name.padEnd(8)} ${profile.title}${complete ? ' (complete)' : ''}`);
    if (!complete) lines.push(`           partial, lacks: ${profile.missing.join('; ')}`);
  }
  return lines.join('\n');
}

type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(
  argv: string[],
  options: ParseArgsConfig['options'],
): { values: ParsedValues; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: parsed.values as ParsedValues, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function formatOf(value: unknown): 'text' | 'json' {
  if (value === undefined || value === 'text') return 'text';
  if (value === 'json') return 'json';
  throw new UsageError(`--format must be text or json, not "${String(value)}"`);
}

const lint: Tool = async (argv) => {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    rule: { type: 'string', multiple: true },
    verbose: { type: 'boolean', short: 'v' },
  });
  if (values.help) {
    console.log(
      'usage: eb-conform spec lint <file|folder|URL> [--format text|json] [--rule ID]... [--verbose]\n\n' +
        'Text output groups findings by rule (most severe, then most frequent, first); --verbose\n' +
        'lists every finding, --format json gives every finding with its file, line and cause.\n\nrules:',
    );
    for (const rule of LINT_RULES)
      console.log(`  ${rule.id.padEnd(34)} ${rule.severity.padEnd(7)} ${rule.summary}`);
    return 0;
  }
  const format = formatOf(values.format);
  if (positionals.length !== 1)
    throw new UsageError('spec lint takes exactly one file, folder or URL');
  const rules = values.rule as string[] | undefined;
  const unknown = (rules ?? []).filter((id) => !LINT_RULES.some((rule) => rule.id === id));
  // A mistyped id would otherwise run no rule at all and report a clean spec.
  if (unknown.length > 0)
    throw new UsageError(
      `unknown rule ${unknown.join(', ')} (see \`eb-conform spec lint --help\` for the list)`,
    );
  const report = await lintSpec(positionals[0] as string, rules ? { rules } : {});
  console.log(
    format === 'json'
      ? JSON.stringify(report, null, 2)
      : formatLintText(report, { verbose: values.verbose === true }),
  );
  return report.counts.error > 0 ? 1 : 0;
};

const examples: Tool = async (argv) => {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    spec: { type: 'string' },
    profile: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  });
  if (values.help) {
    console.log(examplesHelp());
    return 0;
  }
  const format = formatOf(values.format);
  if (positionals.length === 0) throw new UsageError('spec examples needs at least one file');
  const report = await checkExamples(positionals, {
    ...(typeof values.spec === 'string' ? { spec: values.spec } : {}),
    ...(typeof values.profile === 'string' ? { profile: values.profile } : {}),
  });
  console.log(
    format === 'json'
      ? JSON.stringify(report, null, 2)
      : formatExamplesText(report, { verbose: values.verbose === true }),
  );
  return report.summary.invalid + report.summary.unparseable > 0 ? 1 : 0;
};

const diff: Tool = async (argv) => {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  });
  if (values.help) {
    console.log(
      'usage: eb-conform spec diff <old> <new> [--format text|json] [--verbose]   (each a file, folder or URL)\n\n' +
        'Prints a summary by category, then the changes that break a client of <old>, then the rest.',
    );
    return 0;
  }
  const format = formatOf(values.format);
  if (positionals.length !== 2)
    throw new UsageError('spec diff takes two files, folders or URLs: <old> <new>');
  const report = await diffTargets(positionals[0] as string, positionals[1] as string);
  console.log(
    format === 'json'
      ? JSON.stringify(report, null, 2)
      : formatDiffText(report, { verbose: values.verbose === true }),
  );
  return report.summary.breaking > 0 ? 1 : 0;
};

const TOOLS: Record<string, Tool> = {
  lint,
  examples,
  diff,
  validate: (argv) => validateCommand(argv),
};

export async function specCommand(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const tool = TOOLS[name];
  if (!tool) {
    console.error(`eb-conform spec: unknown tool "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await tool(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`eb-conform spec ${name}: ${error.message}`);
      return 2;
    }
    // Missing files and the like are the user's to fix: say what, without a stack trace.
    if (error instanceof InputError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`eb-conform spec ${name}: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
