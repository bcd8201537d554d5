// A multi-file OpenAPI description as the editor wrote it: every file kept separately (so
// findings keep their file and line), with `$ref` resolution across files. Resolution comes in
// two strengths: `resolveRef` says exactly what is wrong with a reference, and `follow` is
// lenient (it guesses what a bare name or a quoted name meant) so that the other checks can
// still see through a broken reference instead of going blind behind it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { InputError } from '../input-error.ts';
import { getAtPointer, joinPointer, readSource } from './source-file.ts';
import type { SourceFile } from './source-file.ts';

export interface Location {
  file: string;
  pointer: string;
}

export type RefProblem =
  | 'malformed' // quotes or spaces inside the value
  | 'bare-name' // `$ref: Name`, which resolves as a relative file path
  | 'missing-file'
  | 'missing-target' // the file is there, the fragment is not
  | 'syntax'; // the target file does not parse

export type RefResolution =
  | { ok: true; target: Location; value: unknown }
  | { ok: false; problem: RefProblem; message: string; guess?: Location };

export interface SpecSet {
  /** The file or folder the set was opened from. */
  origin: string;
  /** Files holding `paths`: where an implementer starts reading. */
  roots: string[];
  files: Map<string, SourceFile>;
  file(path: string): SourceFile | undefined;
  resolveRef(from: string, ref: string): RefResolution;
  /** Lenient resolution: the target, or the best guess for a broken reference, or undefined. */
  follow(from: string, ref: string): { target: Location; value: unknown } | undefined;
  /** Short path for messages, relative to the origin folder. */
  display(path: string): string;
  /** Whether a file exists, read or not (a file no reference reaches may still be named). */
  exists(path: string): boolean;
}

const SPEC_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Files under a folder with one of the extensions (lower case, with the dot), sorted. */
export function listFiles(folder: string, extensions: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(full, extensions));
    else if (extensions.has(extname(entry.name).toLowerCase())) found.push(full);
  }
  return found.sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasPaths(file: SourceFile): boolean {
  return isRecord(file.data) && isRecord(file.data.paths);
}

/** Every `$ref` string in a document, with the pointer of the object holding it. */
export function collectRefs(data: unknown, pointer = ''): { pointer: string; ref: unknown }[] {
  const found: { pointer: string; ref: unknown }[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, joinPointer(at, index)));
    } else if (isRecord(node)) {
      if ('$ref' in node) found.push({ pointer: at, ref: node.$ref });
      for (const [key, value] of Object.entries(node)) walk(value, joinPointer(at, key));
    }
  };
  walk(data, pointer);
  return found;
}

export function openSpecSet(target: string): SpecSet {
  const origin = resolve(target);
  if (!existsSync(origin)) throw new InputError(`no such file or folder: ${target}`);
  const isFolder = statSync(origin).isDirectory();
  const baseFolder = isFolder ? origin : dirname(origin);
  const files = new Map<string, SourceFile>();

  const load = (path: string): SourceFile | undefined => {
    const known = files.get(path);
    if (known) return known;
    if (!existsSync(path) || statSync(path).isDirectory()) return undefined;
    const source = readSource(path);
    files.set(path, source);
    return source;
  };

  const initial = isFolder ? listFiles(origin, SPEC_EXTENSIONS) : [origin];
  if (initial.length === 0) throw new InputError(`no YAML or JSON files in ${target}`);
  initial.forEach(load);

  // Pull in every file reachable by reference, so a single root file brings its parts along.
  const pending = [...files.values()];
  while (pending.length > 0) {
    const source = pending.pop() as SourceFile;
    for (const { ref } of collectRefs(source.data)) {
      if (typeof ref !== 'string') continue;
      const filePart = ref.split('#')[0] ?? '';
      if (filePart === '' || /^[a-z][a-z0-9+.-]*:/i.test(filePart)) continue;
      const path = resolve(dirname(source.path), filePart);
      if (!files.has(path)) {
        const loaded = load(path);
        if (loaded) pending.push(loaded);
      }
    }
  }

  const allFiles = [...files.values()];
  let roots = allFiles.filter(hasPaths).map((file) => file.path);
  if (roots.length === 0) roots = isFolder ? [] : [origin];

  const schemaNamed = (file: SourceFile | undefined, name: string): Location | undefined => {
    if (!file) return undefined;
    const schemas = getAtPointer(file.data, '/components/schemas');
    if (isRecord(schemas) && name in schemas) {
      return { file: file.path, pointer: joinPointer('/components/schemas', name) };
    }
    return undefined;
  };

  const guessName = (from: string, rawName: string): Location | undefined => {
    const name = rawName.replace(/^[\s'"]+|[\s'"]+$/g, '');
    const byName =
      schemaNamed(files.get(from), name) ??
      roots.map((root) => schemaNamed(files.get(root), name)).find(Boolean) ??
      allFiles.map((file) => schemaNamed(file, name)).find(Boolean);
    if (byName) return byName;
    // A schema is sometimes known by its title rather than its key.
    for (const file of [files.get(from), ...allFiles]) {
      const schemas = file ? getAtPointer(file.data, '/components/schemas') : undefined;
      if (!file || !isRecord(schemas)) continue;
      for (const [key, schema] of Object.entries(schemas)) {
        if (isRecord(schema) && schema.title === name) {
          return { file: file.path, pointer: joinPointer('/components/schemas', key) };
        }
      }
    }
    return undefined;
  };

  const resolveRef = (from: string, ref: string): RefResolution => {
    if (/['"\s]/.test(ref)) {
      const cleaned = ref.replace(/['"\s]/g, '');
      const retry = cleaned === '' ? undefined : resolveRef(from, cleaned);
      const guess = retry?.ok ? retry.target : retry?.guess;
      return {
        ok: false,
        problem: 'malformed',
        message: `"${ref}" contains quote or space characters (an unbalanced quote in the YAML?)`,
        ...(guess ? { guess } : {}),
      };
    }
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
      // Remote references cannot be checked offline; treat them as resolving to anything.
      return { ok: true, target: { file: ref, pointer: '' }, value: {} };
    }
    const targetPath = filePart === '' ? from : resolve(dirname(from), filePart);
    const targetFile = files.get(targetPath) ?? load(targetPath);
    if (!targetFile) {
      if (hash === -1 && /^[A-Za-z_][\w.-]*$/.test(ref) && !SPEC_EXTENSIONS.has(extname(ref))) {
        const guess = guessName(from, ref);
        return {
          ok: false,
          problem: 'bare-name',
          message: `"${ref}" is a bare name, which resolves as a relative file path, not a schema`,
          ...(guess ? { guess } : {}),
        };
      }
      return { ok: false, problem: 'missing-file', message: `file "${filePart}" does not exist` };
    }
    if (targetFile.data === undefined) {
      return { ok: false, problem: 'syntax', message: `"${filePart}" does not parse` };
    }
    const pointer = decodeURIComponent(fragment);
    if (pointer !== '' && !pointer.startsWith('/')) {
      const guess = guessName(from, pointer);
      return {
        ok: false,
        problem: 'missing-target',
        message: `fragment "#${fragment}" is not a JSON pointer`,
        ...(guess ? { guess } : {}),
      };
    }
    const value = getAtPointer(targetFile.data, pointer);
    if (value === undefined) {
      const lastToken = pointer.split('/').pop() ?? '';
      const guess = lastToken ? guessName(targetPath, lastToken) : undefined;
      return {
        ok: false,
        problem: 'missing-target',
        message: `"${pointer}" does not exist in ${relative(baseFolder, targetPath) || targetPath}`,
        ...(guess ? { guess } : {}),
      };
    }
    return { ok: true, target: { file: targetPath, pointer }, value };
  };

  return {
    origin,
    roots,
    files,
    file: (path) => files.get(path),
    resolveRef,
    follow(from, ref) {
      const resolution = resolveRef(from, ref);
      if (resolution.ok) return { target: resolution.target, value: resolution.value };
      if (!resolution.guess) return undefined;
      const value = getAtPointer(files.get(resolution.guess.file)?.data, resolution.guess.pointer);
      return value === undefined ? undefined : { target: resolution.guess, value };
    },
    display: (path) => relative(baseFolder, path) || path,
    exists: (path) => files.has(path) || (existsSync(path) && statSync(path).isFile()),
  };
}
