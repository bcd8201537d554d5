// eb-conform.yaml: targets (name, url, profile, inline declaration, headers or credentials,
// expectations) and defaults for every `run` option. Checked against the JSON Schema made from
// the option table (config-schema.ts, shipped as cli/options/eb-conform.schema.json for
// editors), then every value through the same readers as the flags. Every problem is reported
// as file:line; `${NAME}` in a string is replaced by the environment variable NAME (`$${` is a
// literal `${`), and an unset variable is an error, never an empty string.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument, type Node } from 'yaml';
import { checkDeclaration, type Declaration } from '../../suites/harness/declaration.ts';
import { configSchema } from './config-schema.ts';
import { optionByKey, type RunOptions } from './table.ts';
import { OptionError } from './values.ts';

export interface ConfigTarget {
  name: string;
  /** The run options this target sets (its url is `target`), before flags and environment. */
  options: RunOptions;
  declaration?: Declaration;
  /** 1-based line of the entry, for messages. */
  line: number;
}

export interface ConfigFile {
  file: string;
  defaults: RunOptions;
  targets: ConfigTarget[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: { line: number; message: string }[],
  ) {
    super(
      `invalid config ${file}:\n` +
        problems.map((p) => `  ${file}:${p.line}: ${p.message}`).join('\n'),
    );
  }
}

let validate: ReturnType<Ajv2020['compile']> | undefined;

function schemaValidator(): ReturnType<Ajv2020['compile']> {
  validate ??= new Ajv2020({ allErrors: true, strict: false }).compile(configSchema());
  return validate;
}

/** Options whose string values name files: relative to the config file, not the cwd. */
const PATH_KEYS = new Set(['spec', 'declare', 'expect', 'reportDir']);

function expand(text: string, env: NodeJS.ProcessEnv, missing: string[]): string {
  return text.replace(/\$(\$)?\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, escaped, name: string) => {
    if (escaped !== undefined) return whole.slice(1);
    const value = env[name];
    if (value === undefined) {
      missing.push(name);
      return '';
    }
    return value;
  });
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ line: 0, message: `cannot read: ${(error as Error).message}` }]);
  }
  return parseConfig(text, file, env);
}

export function parseConfig(
  text: string,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): ConfigFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const lineOf = (node: unknown): number => {
    const range = (node as Node | null | undefined)?.range;
    return range === undefined || range === null ? 1 : lines.linePos(range[0]).line;
  };
  const [syntax] = doc.errors;
  if (syntax !== undefined)
    throw new ConfigError(file, [
      { line: syntax.linePos?.[0]?.line ?? 1, message: syntax.message.split('\n')[0] ?? '' },
    ]);
  const problems: { line: number; message: string }[] = [];
  const at = (path: (string | number)[]): number => lineOf(doc.getIn(path, true));
  const data = (doc.toJS() ?? {}) as unknown;
  if (!schemaValidator()(data)) {
    for (const error of schemaValidator().errors ?? []) {
      const path = error.instancePath.split('/').slice(1).map(decodeSegment);
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      problems.push(
        extra === undefined
          ? { line: at(path), message: `${error.instancePath || '(top)'} ${error.message ?? ''}` }
          : { line: at([...path, extra]), message: `unknown key "${extra}"` },
      );
    }
    throw new ConfigError(file, problems);
  }
  const config = data as {
    defaults?: Record<string, unknown>;
    targets?: Record<string, unknown>[];
  };
  const base = dirname(resolve(file));
  /** Reads option values; `names` maps each YAML key to its option (identity in `defaults`). */
  const read = (
    values: Record<string, unknown>,
    path: (string | number)[],
    names: Record<string, keyof RunOptions> = {},
  ): RunOptions => {
    const out: Record<string, unknown> = {};
    for (const [yamlKey, raw] of Object.entries(values)) {
      const key = names[yamlKey] ?? yamlKey;
      const option = optionByKey(key);
      if (option === undefined) continue; // the schema has already refused it
      try {
        const missing: string[] = [];
        const substituted = substitute(raw, env, missing);
        if (missing.length > 0)
          throw new OptionError(`environment variable ${missing.join(', ')} is not set`);
        let value = option.read(substituted, yamlKey);
        if (PATH_KEYS.has(key) && typeof value === 'string') value = resolve(base, value);
        out[key] = value;
      } catch (error) {
        problems.push({ line: at([...path, yamlKey]), message: (error as Error).message });
      }
    }
    return out as RunOptions;
  };
  const defaults = read(config.defaults ?? {}, ['defaults']);
  const targets: ConfigTarget[] = (config.targets ?? []).map((entry, index) =>
    readTarget(entry, index, read, at, env, problems),
  );
  const names = new Map<string, number>();
  targets.forEach((target, index) => {
    const before = names.get(target.name);
    if (before !== undefined)
      problems.push({
        line: target.line,
        message: `target name "${target.name}" is used twice (also at entry ${before + 1})`,
      });
    names.set(target.name, index);
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { file, defaults, targets };
}

function decodeSegment(segment: string): string | number {
  const text = segment.replaceAll('~1', '/').replaceAll('~0', '~');
  return /^\d+$/.test(text) ? Number(text) : text;
}

function substitute(raw: unknown, env: NodeJS.ProcessEnv, missing: string[]): unknown {
  if (typeof raw === 'string') return expand(raw, env, missing);
  if (Array.isArray(raw)) return raw.map((item) => substitute(item, env, missing));
  if (typeof raw === 'object' && raw !== null)
    return Object.fromEntries(
      Object.entries(raw).map(([key, value]) => [key, substitute(value, env, missing)]),
    );
  return raw;
}

/** The keys a target entry holds besides `options`; each maps onto a run option. */
const TARGET_KEYS: Record<string, keyof RunOptions> = {
  url: 'target',
  profile: 'profile',
  headers: 'header',
  user: 'user',
  secondUser: 'secondUser',
  expectations: 'expect',
  declare: 'declare',
};

type ReadOptions = (
  values: Record<string, unknown>,
  path: (string | number)[],
  names?: Record<string, keyof RunOptions>,
) => RunOptions;

function readTarget(
  entry: Record<string, unknown>,
  index: number,
  read: ReadOptions,
  at: (path: (string | number)[]) => number,
  env: NodeJS.ProcessEnv,
  problems: { line: number; message: string }[],
): ConfigTarget {
  const path = ['targets', index];
  const own: Record<string, unknown> = {};
  for (const key of Object.keys(TARGET_KEYS)) if (entry[key] !== undefined) own[key] = entry[key];
  // A target's own keys (url, headers...) win over its `options` block.
  const options = {
    ...read((entry.options ?? {}) as Record<string, unknown>, [...path, 'options']),
    ...read(own, path, TARGET_KEYS),
  };
  const target: ConfigTarget = { name: String(entry.name), options, line: at(path) };
  if (entry.declaration !== undefined) {
    try {
      const missing: string[] = [];
      const substituted = substitute(entry.declaration, env, missing);
      if (missing.length > 0)
        throw new OptionError(`environment variable ${missing.join(', ')} is not set`);
      target.declaration = checkDeclaration(substituted, 'declaration');
    } catch (error) {
      problems.push({ line: at([...path, 'declaration']), message: (error as Error).message });
    }
  }
  return target;
}
