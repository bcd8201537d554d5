// `eb-conform spec examples`: find the example documents in specs, prose and notes, work out
// what each one is, and validate it. The verdicts separate what is wrong with the example
// (invalid, unparseable) from what cannot be judged (incomplete, unknown type, not a document).
// examples/ holds the parts: profile-pick.ts (which wire version), backends.ts (what to validate
// against), judge.ts (one verdict per snippet), embedded.ts (examples written in a description),
// format.ts (text output).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, relative, resolve } from 'node:path';
import { PROFILE_NAMES } from '../spec/index.ts';
import { judgeEmbedded } from './examples/embedded.ts';
import { chooseBackend } from './examples/backends.ts';
import { judge } from './examples/judge.ts';
import { emptyEvidence, gatherFromText, pickProfile } from './examples/profile-pick.ts';
import type { ProfileChoice, ProfileEvidence } from './examples/profile-pick.ts';
import type { ExampleResult, ExamplesOptions, ExamplesReport } from './examples/types.ts';
import { extractFromLatex } from './extract/latex.ts';
import { extractFromMarkdown } from './extract/markdown.ts';
import type { Snippet } from './extract/snippet.ts';
import { extractFromStructuredFile } from './extract/structured-file.ts';
import { InputError } from './input-error.ts';
import { localCopy } from './load/remote.ts';
import type { LocalCopy } from './load/remote.ts';
import { parseSource } from './load/source-file.ts';
import { isRecord } from './load/schemas.ts';
import { listFiles, openSpecSet } from './load/spec-set.ts';
import { discriminatorMappings } from './rules/ref-checks.ts';

const READABLE = new Set(['.tex', '.md', '.markdown', '.yaml', '.yml', '.json']);

export function extractSnippets(path: string, text = readFileSync(path, 'utf8')): Snippet[] {
  const extension = extname(path).toLowerCase();
  if (extension === '.tex') return extractFromLatex(path, text);
  if (extension === '.md' || extension === '.markdown') return extractFromMarkdown(path, text);
  if (extension === '.json') return extractFromStructuredFile(path, text, 'json');
  return extractFromStructuredFile(path, text, 'yaml');
}

/** An OpenAPI description (or a components file of one), whose examples sit beside schemas. */
function isDescription(data: unknown): boolean {
  return (
    isRecord(data) &&
    ('openapi' in data ||
      'swagger' in data ||
      (isRecord(data.components) && isRecord(data.components.schemas)))
  );
}

interface Input {
  /** The file or folder as named, resolved. */
  root: string;
  files: string[];
  /** Paths relative to what the user named: inside a folder, or the file's own name. */
  display: (path: string) => string;
}

function readInputs(paths: string[]): Input[] {
  return paths.map((path) => {
    const root = resolve(path);
    if (!existsSync(root)) throw new InputError(`no such file or folder: ${path}`);
    if (!statSync(root).isDirectory()) {
      const name = basename(root);
      return { root, files: [root], display: () => name };
    }
    const files = listFiles(root, READABLE);
    if (files.length === 0) throw new InputError(`no .tex, .md, .yaml or .json files in ${path}`);
    return { root, files, display: (file) => relative(root, file) || basename(file) };
  });
}

interface Gathered {
  snippets: { snippet: Snippet; display: (path: string) => string }[];
  embedded: ExampleResult[];
  evidence: ProfileEvidence;
}

function gather(inputs: Input[]): Gathered {
  const gathered: Gathered = { snippets: [], embedded: [], evidence: emptyEvidence() };
  for (const input of inputs) {
    const descriptions = new Set<string>();
    for (const file of input.files) {
      const text = readFileSync(file, 'utf8');
      const extension = extname(file).toLowerCase();
      if (extension === '.tex') gathered.evidence.latex = true;
      if (
        ['.yaml', '.yml', '.json'].includes(extension) &&
        isDescription(parseSource(file, text).data)
      ) {
        descriptions.add(file);
        continue;
      }
      for (const snippet of extractSnippets(file, text)) {
        gatherFromText(snippet.text, gathered.evidence);
        gathered.snippets.push({ snippet, display: input.display });
      }
    }
    if (descriptions.size === 0) continue;
    const set = openSpecSet(input.root);
    for (const entry of discriminatorMappings(set)) {
      if (!descriptions.has(entry.base.file)) continue;
      gathered.evidence.kindUris.push(entry.key);
      const member = isRecord(entry.base.schema.discriminator)
        ? entry.base.schema.discriminator.propertyName
        : undefined;
      if (member === 'type' || member === 'kind') gathered.evidence.members[member]++;
    }
    gathered.embedded.push(...judgeEmbedded(set, descriptions, input.display));
  }
  return gathered;
}

function chooseProfile(options: ExamplesOptions, evidence: ProfileEvidence): ProfileChoice {
  if (options.profile !== undefined) {
    if (!(PROFILE_NAMES as readonly string[]).includes(options.profile))
      throw new InputError(
        `unknown profile "${options.profile}" (expected one of ${PROFILE_NAMES.join(', ')})`,
      );
    return { profile: options.profile as ProfileChoice['profile'], reason: 'named with --profile' };
  }
  return pickProfile(evidence);
}

/** Checks the examples of files, folders or URLs (a URL is fetched with what it references). */
export async function checkExamples(
  paths: string[],
  options: ExamplesOptions = {},
): Promise<ExamplesReport> {
  const copies: LocalCopy[] = [];
  try {
    for (const path of [...paths, ...(options.spec ? [options.spec] : [])])
      copies.push(await localCopy(path));
    const local = copies.map((copy) => copy.path);
    const spec = options.spec ? local.pop() : undefined;
    const report = await checkLocal(local, { ...options, ...(spec ? { spec } : {}) });
    return options.spec ? { ...report, spec: options.spec } : report;
  } finally {
    for (const copy of copies) copy.close();
  }
}

async function checkLocal(paths: string[], options: ExamplesOptions): Promise<ExamplesReport> {
  const gathered = gather(readInputs(paths));
  const choice = options.spec
    ? { profile: 'as written in the spec', reason: 'validated against --spec as written' }
    : chooseProfile(options, gathered.evidence);
  const backend = await chooseBackend(options, choice.profile);
  const examples = [
    ...gathered.snippets.map(({ snippet, display }) => judge(snippet, backend, display)),
    ...gathered.embedded,
  ];
  const summary = {
    total: examples.length,
    valid: 0,
    invalid: 0,
    incomplete: 0,
    unparseable: 0,
    'unknown-type': 0,
    'not-a-document': 0,
  };
  for (const example of examples) summary[example.verdict]++;
  return {
    spec: backend.spec,
    profile: choice.profile,
    profileReason: choice.reason,
    validator: backend.name,
    examples,
    summary,
  };
}
