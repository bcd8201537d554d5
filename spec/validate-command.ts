// `eb-conform spec validate <file> [--type T] [--profile P] [--format text|json]`
//
// Checks one JSON or YAML document against the project's spec in a profile's wire format and
// prints each problem with its JSON pointer. Exit codes: 0 valid, 1 invalid (or unparseable),
// 2 usage error. The CLI (cli/spec.ts) calls validateCommand with the arguments after
// `spec validate`; output goes through `io` so tests can capture it.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  PROFILE_NAMES,
  getProfile,
  kindName,
  kindNameIn,
  type KindName,
  type Profile,
} from './profiles.ts';
import { loadSpec } from './load.ts';
import {
  DOCUMENT_TYPES,
  createValidator,
  formatIssue,
  type ValidationIssue,
  type Validator,
} from './validate.ts';

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads a file, or standard input for `-`. */
  readFile?: (path: string) => string;
}

const defaultIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export const VALIDATE_USAGE = `usage: eb-conform spec validate <file|-> [--type T] [--profile P] [--format text|json] [--spec S]

  Validates a JSON or YAML ExecutionBroker document and prints each problem with its JSON pointer.
  --type     ${DOCUMENT_TYPES.join(', ')} or any schema name (default: guessed from the document)
  --profile  ${PROFILE_NAMES.join(', ')} (default: v1.0.7)
  --format   text (default) or json
  --spec     another OpenAPI file or folder to validate against (default: the project's spec)
  exit 0 valid, 1 invalid, 2 usage error
`;

interface Arguments {
  file: string;
  type?: string;
  profile: string;
  format: 'text' | 'json';
  spec?: string;
}

class UsageError extends Error {}

function parseArguments(argv: readonly string[]): Arguments | 'help' {
  const values: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    const option = /^--(type|profile|format|spec)(?:=(.*))?$/.exec(arg);
    if (option) {
      const value = option[2] ?? argv[(i += 1)];
      if (value === undefined || value === '') throw new UsageError(`--${option[1]} needs a value`);
      values[option[1] as string] = value;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1)
    throw new UsageError(
      positional.length === 0 ? 'no file given' : `one file at a time (got ${positional.length})`,
    );
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format must be text or json (got ${format})`);
  const profile = values.profile ?? 'v1.0.7';
  if (!(PROFILE_NAMES as readonly string[]).includes(profile))
    throw new UsageError(`--profile must be one of ${PROFILE_NAMES.join(', ')} (got ${profile})`);
  return {
    file: positional[0] as string,
    ...(values.type ? { type: values.type } : {}),
    ...(values.spec ? { spec: values.spec } : {}),
    profile,
    format,
  };
}

// The schema that describes a component of each canonical kind, by the kind's family.
function schemaForKind(name: KindName): string {
  if (name.endsWith('-update')) return 'Update';
  if (name.endsWith('-option')) return 'Option';
  if (name.endsWith('-execution-session')) return 'ExecutionSession';
  if (name.endsWith('-cost')) return 'CostItem';
  if (name.endsWith('-metric')) return 'MetricItem';
  if (name.endsWith('-data-resource')) return 'DataResource';
  if (name === 'simple-storage-resource') return 'StorageResource';
  if (name === 'simple-compute-resource') return 'ComputeResource';
  if (name === 'simple-volume-mount') return 'VolumeMount';
  return 'Executable';
}

/** Guesses what a document is from its shape and kind, for when the caller does not say. */
export function detectDocumentType(doc: unknown, profile: Profile = getProfile()): string {
  return typeClue(doc, profile) ?? 'ExecutionRequest';
}

/** The type the document itself points at, or undefined when nothing in it does. */
function typeClue(doc: unknown, profile: Profile): string | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const d = doc as Record<string, unknown>;
  if (d.error !== null && typeof d.error === 'object') return 'ErrorResponse';
  if (profile.update.wrapper !== undefined && profile.update.wrapper in d) return 'Update';
  if ('result' in d || 'offers' in d) return 'OfferSetResponse';
  const kind = d[profile.discriminator];
  if (typeof kind === 'string') {
    const name = kindNameIn(profile, kind) ?? kindName(kind)?.name;
    if (name !== undefined) return schemaForKind(name);
  }
  if ('phase' in d || 'expires' in d || 'connectors' in d) return 'ExecutionSession';
  if ('path' in d && ('value' in d || 'delta' in d)) return 'Update';
  if ('level' in d || 'template' in d) return 'MessageItem';
  const requestParts = ['executable', 'compute', 'storage', 'data', 'schedule', 'costs', 'metrics'];
  return requestParts.some((part) => part in d) ? 'ExecutionRequest' : undefined;
}

/** How the type was chosen: named with --type, seen in the document, or nothing to go on. */
type TypeSource = 'option' | 'document' | 'default';

function report(
  io: CommandIo,
  args: Arguments,
  type: string,
  issues: ValidationIssue[],
  typeFrom: TypeSource = 'option',
): void {
  const valid = issues.length === 0;
  if (args.format === 'json') {
    const body = { file: args.file, type, typeFrom, profile: args.profile, valid, issues };
    io.stdout(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  // An open schema accepts almost anything, so "valid" needs saying what it was valid as.
  const caveat =
    typeFrom === 'default'
      ? ` [nothing in the document says what it is, so it was checked as ${type}; use --type]`
      : '';
  const head = `${args.file}: ${valid ? 'valid' : 'invalid'} ${type} (profile ${args.profile})${caveat}`;
  io.stdout(
    valid
      ? `${head}\n`
      : `${head}, ${issues.length} issue(s)\n${issues.map((i) => `  ${formatIssue(i)}\n`).join('')}`,
  );
}

export async function validateCommand(
  argv: readonly string[],
  io: CommandIo = defaultIo,
): Promise<number> {
  let args: Arguments;
  try {
    const parsed = parseArguments(argv);
    if (parsed === 'help') {
      io.stdout(VALIDATE_USAGE);
      return 0;
    }
    args = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`eb-conform spec validate: ${error.message}\n${VALIDATE_USAGE}`);
    return 2;
  }

  let text: string;
  try {
    const read = io.readFile ?? ((path: string) => readFileSync(path === '-' ? 0 : path, 'utf8'));
    text = read(args.file);
  } catch (error) {
    io.stderr(
      `eb-conform spec validate: cannot read ${args.file}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }

  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    report(io, args, args.type ?? 'document', [
      { pointer: '', message: `is not JSON or YAML: ${why}`, keyword: 'parse', schemaPath: '' },
    ]);
    return 1;
  }

  const profile = getProfile(args.profile);
  let validator: Validator;
  try {
    validator = createValidator(
      args.spec === undefined ? { profile } : { profile, spec: loadSpec(args.spec) },
    );
  } catch (error) {
    io.stderr(
      `eb-conform spec validate: cannot load --spec ${args.spec ?? ''}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const clue = args.type === undefined ? typeClue(doc, profile) : undefined;
  const type = args.type ?? clue ?? 'ExecutionRequest';
  const typeFrom: TypeSource =
    args.type !== undefined ? 'option' : clue !== undefined ? 'document' : 'default';
  let issues: ValidationIssue[];
  try {
    issues = validator.validate(type, doc).issues;
  } catch (error) {
    io.stderr(
      `eb-conform spec validate: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  report(io, args, type, issues, typeFrom);
  return issues.length === 0 ? 0 : 1;
}
