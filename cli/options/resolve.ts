// Where a run's options come from, in order of precedence: the command line, then the
// environment (EB_CONFORM_*), then the chosen target of eb-conform.yaml, then its defaults, then
// the built-in defaults (applied later, by the code that needs them). Parsed and checked once,
// here; what comes out is typed and valid.

import { parseArgs } from 'node:util';
import { loadConfig, type ConfigFile, type ConfigTarget } from './config.ts';
import {
  envName,
  optionsOf,
  RUN_OPTIONS,
  type Command,
  type OptionSpec,
  type RunOptions,
} from './table.ts';
import { OptionError } from './values.ts';

export { OptionError } from './values.ts';

/** One fully resolved run: its options plus what the config file adds beyond them. */
export interface ResolvedRun {
  /** The config target's name, when the run comes from eb-conform.yaml. */
  name?: string;
  options: RunOptions;
  /** An inline declaration from eb-conform.yaml (a --declare file is in options.declare). */
  declaration?: ConfigTarget['declaration'];
}

export interface Parsed {
  options: RunOptions;
  help: boolean;
  /** Words that are no option (check's inputs); only commands that take them get any. */
  positionals: string[];
}

/** Reads a command's command line. `help: true` when -h/--help was given. */
export function parseFlags(argv: string[], command: Command = 'run'): Parsed {
  const table = optionsOf(command);
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> =
    { help: { type: 'boolean', short: 'h' } };
  for (const option of table) {
    config[option.flag] = {
      type: option.arg === undefined ? 'boolean' : 'string',
      ...(option.short === undefined ? {} : { short: option.short }),
      ...(option.repeatable === true ? { multiple: true } : {}),
    };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: config,
      strict: true,
      allowPositionals: command === 'check',
    });
  } catch (error) {
    throw new OptionError((error as Error).message);
  }
  const values = parsed.values as Record<string, unknown>;
  const options: Record<string, unknown> = {};
  for (const option of table) {
    const raw = values[option.flag];
    if (raw === undefined) continue;
    options[option.key] = option.read(raw, `--${option.flag}`);
  }
  return {
    options: options as RunOptions,
    help: values.help === true,
    positionals: parsed.positionals,
  };
}

/** Reads EB_CONFORM_* variables; an empty variable counts as unset. */
export function readEnvironment(env: NodeJS.ProcessEnv, command: Command = 'run'): RunOptions {
  const options: Record<string, unknown> = {};
  for (const option of optionsOf(command)) {
    const name = envName(option);
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    options[option.key] = option.read(raw, name);
  }
  return options as RunOptions;
}

/**
 * Layers options, lowest precedence first. Headers merge by name (a flag can add one to the
 * config's); every other option is replaced whole by a higher layer.
 */
export function layerOptions(...layers: RunOptions[]): RunOptions {
  const out: RunOptions = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer) as [keyof RunOptions, unknown][]) {
      if (value === undefined) continue;
      if (key === 'header')
        out.header = { ...(out.header ?? {}), ...(value as RunOptions['header']) };
      else (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

function pickTargets(config: ConfigFile, only: string | undefined): ConfigTarget[] {
  if (only === undefined) return config.targets;
  const found = config.targets.filter((target) => target.name === only);
  if (found.length === 0)
    throw new OptionError(
      `--only ${only}: no such target in ${config.file} (targets: ${config.targets.map((t) => t.name).join(', ') || 'none'})`,
    );
  return found;
}

/**
 * Every run the command line asks for: one, or one per target of the config file (all of them,
 * or the one --only names). Throws OptionError or ConfigError for anything it cannot accept.
 */
export function resolveRuns(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): { runs: ResolvedRun[]; help: boolean } {
  const flags = parseFlags(argv);
  if (flags.help) return { runs: [], help: true };
  const environment = readEnvironment(env);
  const outer = layerOptions(environment, flags.options);
  if (outer.only !== undefined && outer.config === undefined)
    throw new OptionError('--only needs --config (or EB_CONFORM_CONFIG)');
  if (outer.config === undefined) return { runs: [{ options: outer }], help: false };
  const config = loadConfig(outer.config, env);
  const targets = pickTargets(config, outer.only);
  if (targets.length === 0)
    return { runs: [{ options: layerOptions(config.defaults, outer) }], help: false };
  return {
    help: false,
    runs: targets.map((target) => {
      const run: ResolvedRun = {
        name: target.name,
        options: layerOptions(config.defaults, target.options, outer),
      };
      // A --declare given on the command line replaces the config's inline declaration.
      if (target.declaration !== undefined && outer.declare === undefined)
        run.declaration = target.declaration;
      return run;
    }),
  };
}

/**
 * check's and proxy's options: the command line over the environment (they read no config
 * file: that holds the targets of live runs).
 */
export function resolveCommand(command: Command, argv: string[], env: NodeJS.ProcessEnv): Parsed {
  const flags = parseFlags(argv, command);
  if (flags.help) return flags;
  return { ...flags, options: layerOptions(readEnvironment(env, command), flags.options) };
}

/** A command's options for its --help, from the table. */
export function optionsHelp(command: Command = 'run'): string {
  const options: readonly OptionSpec[] = command === 'run' ? RUN_OPTIONS : optionsOf(command);
  const rows = options.map((option) => {
    const flag = `${option.short === undefined ? '' : `-${option.short}, `}--${option.flag}${option.arg === undefined ? '' : ` ${option.arg}`}`;
    return [flag, option.helpFor?.[command] ?? option.help] as const;
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}${help}`).join('\n');
}
