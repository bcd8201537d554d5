// Loads an OpenAPI description (one file, or a folder of files that $ref each other) and bundles
// it into one self-contained document: every schema reached through an external $ref is moved
// into the root's components.schemas, so validators and tools see a single tree. Upstream files
// have defects a strict loader would stop at; this one repairs what it can and says what it did
// in `warnings`.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { normalisePatternDetailed } from './patterns.ts';

export type JsonObject = Record<string, unknown>;

export interface BundledSpec {
  /** The bundled OpenAPI document: no external $ref left. */
  document: JsonObject;
  /** The root file that was bundled. */
  root: string;
  /** Every file that contributed to the bundle. */
  files: string[];
  /** What the loader repaired or could not resolve, one sentence each. */
  warnings: string[];
  /** sha256 (hex) of the bundled document, for caching and for reports. */
  specHash: string;
}

export interface LoadOptions {
  /** Rewrite regular expressions JavaScript cannot compile (default true). */
  normalisePatterns?: boolean;
}

export const OWN_SPEC = fileURLToPath(new URL('./execution-broker.yaml', import.meta.url));

const ROOT_NAMES = ['openapi.yaml', 'openapi.yml', 'openapi.json', 'execution-broker.yaml'];
const SPEC_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseFile(file: string, warnings: string[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return parse(text);
  } catch (strictError) {
    // Duplicate keys are common in hand-edited YAML: keep the last one, like most parsers do.
    try {
      const value: unknown = parse(text, { uniqueKeys: false });
      warnings.push(
        `${file}: ${strictError instanceof Error ? strictError.message.split('\n')[0] : 'parse problem'} (kept the last value)`,
      );
      return value;
    } catch (error) {
      throw new Error(
        `cannot parse ${file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function listSpecFiles(dir: string, depth = 0): string[] {
  if (depth > 8) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listSpecFiles(full, depth + 1));
    else if (SPEC_EXTENSIONS.has(extname(entry.name))) found.push(full);
  }
  return found;
}

/** The file of a folder that holds the `paths`: the entry point of a multi-file description. */
function findRoot(dir: string, files: string[], warnings: string[]): string {
  const withPaths = files.filter((file) => {
    try {
      const doc = parseFile(file, []);
      return isObject(doc) && typeof doc.openapi === 'string' && isObject(doc.paths);
    } catch {
      return false;
    }
  });
  if (withPaths.length === 0) throw new Error(`${dir}: no OpenAPI file with paths found`);
  const ranked = [...withPaths].sort((a, b) => {
    const rank = (f: string): number =>
      ROOT_NAMES.includes(basename(f)) ? ROOT_NAMES.indexOf(basename(f)) : 99;
    return rank(a) - rank(b) || a.split('/').length - b.split('/').length || a.localeCompare(b);
  });
  const root = ranked[0] as string;
  if (ranked.length > 1)
    warnings.push(`${dir}: several files have paths; bundled ${relative(dir, root)}`);
  return root;
}

function decodePointerToken(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
}

function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return doc;
  let node = doc;
  for (const token of pointer.replace(/^\//, '').split('/').map(decodePointerToken)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/** A `$ref` like `Name`: neither a pointer nor a file, only a schema name. */
function isBareName(ref: string): boolean {
  return !ref.includes('#') && !ref.includes('/') && !SPEC_EXTENSIONS.has(extname(ref));
}

class Bundler {
  private readonly parsed = new Map<string, unknown>();
  private readonly placed = new Map<string, string>();
  private readonly schemas: JsonObject = {};
  private readonly taken = new Set<string>();
  private readonly inlining: string[] = [];
  private nameIndex: Map<string, string[]> | undefined;

  constructor(
    private readonly root: string,
    private readonly folderFiles: string[],
    readonly warnings: string[],
  ) {}

  doc(file: string): unknown {
    if (!this.parsed.has(file)) this.parsed.set(file, parseFile(file, this.warnings));
    return this.parsed.get(file);
  }

  files(): string[] {
    return [...this.parsed.keys()];
  }

  bundle(): JsonObject {
    const rootDoc = this.doc(this.root);
    if (!isObject(rootDoc))
      throw new Error(`${this.root}: not an OpenAPI document (top level is not a mapping)`);
    const rootSchemas =
      isObject(rootDoc.components) && isObject(rootDoc.components.schemas)
        ? rootDoc.components.schemas
        : {};
    for (const name of Object.keys(rootSchemas)) this.taken.add(name);
    const out = this.rewrite(rootDoc, this.root) as JsonObject;
    const components = isObject(out.components) ? out.components : {};
    const schemas = isObject(components.schemas) ? components.schemas : {};
    out.components = { ...components, schemas: { ...schemas, ...this.schemas } };
    return out;
  }

  private rewrite(node: unknown, file: string): unknown {
    if (Array.isArray(node)) return node.map((item) => this.rewrite(item, file));
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const resolved = this.resolveRef(value, file);
        if (typeof resolved === 'string') out.$ref = resolved;
        else Object.assign(out, resolved);
      } else if (key === 'discriminator' && isObject(value) && isObject(value.mapping)) {
        out[key] = { ...value, mapping: this.rewriteMapping(value.mapping, file) };
      } else {
        out[key] = this.rewrite(value, file);
      }
    }
    return out;
  }

  /**
   * Discriminator mapping values are references too (or, by the OpenAPI rules, plain schema
   * names); the schemas they name must travel with the bundle even when no $ref reaches them.
   */
  private rewriteMapping(mapping: JsonObject, file: string): JsonObject {
    const out: JsonObject = {};
    for (const [value, ref] of Object.entries(mapping)) {
      const resolved = typeof ref === 'string' ? this.resolveRef(ref, file, true) : ref;
      out[value] = typeof resolved === 'string' ? resolved : ref;
    }
    return out;
  }

  /** A local `$ref` string, or the content to inline where no local name can hold it. */
  private resolveRef(ref: string, file: string, nameAllowed = false): string | JsonObject {
    if (isBareName(ref)) return this.resolveBareName(ref, file, nameAllowed);
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
      this.warnings.push(`${relative(dirname(this.root), file)}: remote $ref ${ref} left as it is`);
      return ref;
    }
    const target = filePart === '' ? file : resolve(dirname(file), filePart);
    if (target === this.root) return `#${pointer}`;
    if (!existsSync(target)) {
      this.warnings.push(
        `${relative(dirname(this.root), file)}: $ref ${ref} names a missing file; replaced by an empty schema`,
      );
      return { 'x-eb-unresolved': ref };
    }
    return this.place(target, pointer, ref, file);
  }

  private place(target: string, pointer: string, ref: string, from: string): string | JsonObject {
    const key = `${target}#${pointer}`;
    const known = this.placed.get(key);
    if (known !== undefined) return known;
    const content = resolvePointer(this.doc(target), pointer);
    if (content === undefined) {
      this.warnings.push(
        `${relative(dirname(this.root), from)}: $ref ${ref} points at nothing; replaced by an empty schema`,
      );
      return { 'x-eb-unresolved': ref };
    }
    const schemaName = /^\/components\/schemas\/([^/]+)$/.exec(pointer)?.[1];
    if (schemaName !== undefined) {
      const name = this.freeName(decodePointerToken(schemaName), target);
      const local = `#/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      // Registered before descending, so schemas that refer to each other terminate.
      this.placed.set(key, local);
      this.schemas[name] = this.rewrite(content, target);
      return local;
    }
    if (this.inlining.includes(key)) {
      this.warnings.push(
        `${ref}: circular reference outside components.schemas; cut with an empty schema`,
      );
      return {};
    }
    this.inlining.push(key);
    const inlined = this.rewrite(content, target);
    this.inlining.pop();
    return isObject(inlined) ? inlined : { 'x-eb-inlined': inlined };
  }

  private freeName(name: string, file: string): string {
    if (!this.taken.has(name)) {
      this.taken.add(name);
      return name;
    }
    const stem = basename(file, extname(file)).replace(/[^A-Za-z0-9]+/g, '-');
    let candidate = `${name}-${stem}`;
    for (let n = 2; this.taken.has(candidate); n += 1) candidate = `${name}-${stem}-${n}`;
    this.taken.add(candidate);
    this.warnings.push(
      `schema name ${name} is used by several files; the one from ${basename(file)} is ${candidate}`,
    );
    return candidate;
  }

  private resolveBareName(name: string, file: string, nameAllowed = false): string | JsonObject {
    const where = relative(dirname(this.root), file) || basename(file);
    const own = this.doc(file);
    const ownSchemas =
      isObject(own) && isObject(own.components) && isObject(own.components.schemas)
        ? own.components.schemas
        : {};
    let owners: string[];
    if (name in ownSchemas) owners = [file];
    else owners = this.index().get(name) ?? [];
    if (owners.length === 1) {
      const owner = owners[0] as string;
      if (!nameAllowed)
        this.warnings.push(
          `${where}: bare $ref '${name}' resolved by name to ${relative(dirname(this.root), owner) || basename(owner)}#/components/schemas/${name}`,
        );
      return owner === this.root
        ? `#/components/schemas/${name}`
        : this.place(owner, `/components/schemas/${name}`, name, file);
    }
    const why =
      owners.length === 0
        ? 'no file defines it'
        : `ambiguous between ${owners.map((o) => basename(o)).join(', ')}`;
    this.warnings.push(
      `${where}: bare $ref '${name}' cannot be resolved (${why}); replaced by an empty schema`,
    );
    return { 'x-eb-unresolved': name };
  }

  private index(): Map<string, string[]> {
    if (this.nameIndex === undefined) {
      this.nameIndex = new Map();
      const files =
        this.folderFiles.length > 0 ? this.folderFiles : listSpecFiles(dirname(this.root));
      for (const f of files) {
        let doc: unknown;
        try {
          doc = this.doc(f);
        } catch {
          continue;
        }
        if (!isObject(doc) || !isObject(doc.components) || !isObject(doc.components.schemas))
          continue;
        for (const name of Object.keys(doc.components.schemas)) {
          this.nameIndex.set(name, [...(this.nameIndex.get(name) ?? []), f]);
        }
      }
    }
    return this.nameIndex;
  }
}

/** Rewrites every `pattern` string in place; returns one warning per pattern changed. */
function normaliseAllPatterns(node: unknown, pointer: string, warnings: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => normaliseAllPatterns(item, `${pointer}/${i}`, warnings));
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const here = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key === 'pattern' && typeof value === 'string') {
      const { pattern, changes } = normalisePatternDetailed(value);
      if (changes.length > 0) {
        node[key] = pattern;
        warnings.push(`${here}: pattern rewritten for JavaScript (${changes.join('; ')})`);
      }
    } else {
      normaliseAllPatterns(value, here, warnings);
    }
  }
}

export function hashDocument(document: unknown): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex');
}

const ownSpecCache: { spec?: BundledSpec } = {};

/**
 * Loads and bundles an OpenAPI description. No argument: the project's own
 * spec/execution-broker.yaml (cached). A folder: its entry file is the one with `paths`
 * (openapi.yaml or execution-broker.yaml preferred).
 */
export function loadSpec(path?: string, options: LoadOptions = {}): BundledSpec {
  const own = path === undefined || resolve(path) === OWN_SPEC;
  if (own && ownSpecCache.spec !== undefined && options.normalisePatterns !== false)
    return ownSpecCache.spec;
  const target = resolve(path ?? OWN_SPEC);
  if (!existsSync(target)) throw new Error(`no such file or folder: ${target}`);
  const warnings: string[] = [];
  let root = target;
  let folderFiles: string[] = [];
  if (statSync(target).isDirectory()) {
    folderFiles = listSpecFiles(target);
    root = findRoot(target, folderFiles, warnings);
  }
  const bundler = new Bundler(root, folderFiles, warnings);
  let document: JsonObject;
  try {
    document = bundler.bundle();
  } catch (error) {
    // Pathologically deep documents exhaust the stack; say so instead of crashing.
    if (error instanceof RangeError) throw new Error(`${root}: nested too deeply to bundle`);
    throw error;
  }
  if (options.normalisePatterns !== false) normaliseAllPatterns(document, '#', warnings);
  const spec: BundledSpec = {
    document,
    root,
    files: bundler.files(),
    warnings: [...new Set(warnings)],
    specHash: hashDocument(document),
  };
  if (own && options.normalisePatterns !== false) ownSpecCache.spec = spec;
  return spec;
}
