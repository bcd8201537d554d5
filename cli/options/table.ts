// Every option of `eb-conform run`, `check` and `proxy`, once: its flag, its environment
// variable, its key in eb-conform.yaml, its help line and how its value is read. The flag
// parsers, the environment reader, the config file checker, the config file's JSON Schema and
// each command's --help are all made from this table, so they cannot drift apart.

import {
  readBoolean,
  readChoice,
  readCredentials,
  readDuration,
  readHeaders,
  readInteger,
  readList,
  readPort,
  readString,
  readUrl,
  type Reader,
} from './values.ts';

/** The options of a run, as typed values (before the target is settled). */
export interface RunOptions {
  target?: string;
  profile?: 'v1.0.7' | 'v1.0.5' | 'auto';
  spec?: string;
  classes?: string[];
  requirement?: string[];
  seed?: number;
  runs?: number;
  maxWait?: number;
  declare?: string;
  header?: Record<string, string>;
  user?: string;
  secondUser?: string;
  requestTimeout?: number;
  reportDir?: string;
  failOn?: 'must' | 'should';
  allowIncomplete?: boolean;
  expect?: string;
  fault?: string[];
  progress?: 'tty' | 'plain' | 'none';
  quiet?: boolean;
  har?: 'sample' | 'full';
  workers?: number;
  config?: string;
  only?: string;
  /** check: only these rules (names or requirement ids). */
  rules?: string[];
  /** check: clock tolerance at expiry instants and slot edges, ms. */
  skewMs?: number;
  /** check: terminal output. */
  format?: 'text' | 'json';
  /** proxy: where to listen. */
  port?: number;
  host?: string;
  /** proxy: stream answers without the findings header. */
  noFindingHeaders?: boolean;
}

/** The commands whose options live here. */
export type Command = 'run' | 'check' | 'proxy';

export type OptionKey = keyof RunOptions;

export interface OptionSpec {
  key: OptionKey;
  /** Long flag, without the dashes. */
  flag: string;
  short?: string;
  /** Placeholder in the help text; absent for a switch. */
  arg?: string;
  help: string;
  read: Reader<unknown>;
  /** The flag may be given more than once (values accumulate). */
  repeatable?: boolean;
  /** Settable in eb-conform.yaml (`defaults`, or a target's `options`). */
  inConfig: boolean;
  /** The commands that take it (default: run only). */
  commands?: readonly Command[];
  /** A command's own help line, where it says more than `help`. */
  helpFor?: Partial<Record<Command, string>>;
}

const TRAFFIC: readonly Command[] = ['run', 'check', 'proxy'];

const PROFILES = ['v1.0.7', 'v1.0.5', 'auto'] as const;

export const OPTIONS: readonly OptionSpec[] = [
  {
    key: 'target',
    flag: 'target',
    arg: 'URL',
    help: 'broker base URL (default: start the built-in reference broker)',
    read: readUrl,
    inConfig: true,
    commands: ['run', 'proxy'],
    helpFor: { proxy: "the broker's base URL (required)" },
  },
  {
    key: 'profile',
    flag: 'profile',
    arg: 'NAME',
    help: 'v1.0.7 | v1.0.5 | auto (default: auto with --target, else v1.0.7)',
    read: readChoice(PROFILES),
    inConfig: true,
    commands: TRAFFIC,
    helpFor: {
      check: 'v1.0.7 | v1.0.5 | auto (default: auto, from kind URIs and paths)',
      proxy: 'v1.0.7 | v1.0.5 | auto (default: auto, from the traffic)',
    },
  },
  {
    key: 'spec',
    flag: 'spec',
    arg: 'FILE',
    help: 'validate against this OpenAPI file or folder instead of spec/',
    read: readString,
    inConfig: true,
  },
  {
    key: 'classes',
    flag: 'classes',
    arg: 'a,b',
    help: 'only these conformance classes (schema, offerset, matching, ...)',
    read: readList,
    repeatable: true,
    inConfig: true,
  },
  {
    key: 'requirement',
    flag: 'requirement',
    arg: 'ID',
    help: 'only this requirement (or id prefix); repeatable',
    read: readList,
    repeatable: true,
    inConfig: true,
  },
  {
    key: 'seed',
    flag: 'seed',
    arg: 'N',
    help: 'fast-check seed (default: random, printed in the report)',
    read: readInteger(0),
    inConfig: true,
  },
  {
    key: 'runs',
    flag: 'runs',
    arg: 'N',
    help: 'generated cases per property (default 50)',
    read: readInteger(1),
    inConfig: true,
  },
  {
    key: 'maxWait',
    flag: 'max-wait',
    arg: 'DURATION',
    help: 'longest wait for the broker to act by itself (default PT10M; PT6M, 90s, 500ms)',
    read: readDuration,
    inConfig: true,
  },
  {
    key: 'declare',
    flag: 'declare',
    arg: 'FILE',
    help: 'declaration of the target (profile, capacity, offerLifetime, ...); see `eb-conform init`',
    read: readString,
    inConfig: true,
    commands: TRAFFIC,
  },
  {
    key: 'header',
    flag: 'header',
    short: 'H',
    arg: '"N: v"',
    help: 'extra request header, repeatable (values are redacted in reports)',
    read: readHeaders,
    repeatable: true,
    inConfig: true,
  },
  {
    key: 'user',
    flag: 'user',
    arg: 'NAME:PASSWORD',
    help: 'HTTP Basic identity for writes (redacted in reports)',
    read: readCredentials,
    inConfig: true,
  },
  {
    key: 'secondUser',
    flag: 'second-user',
    arg: 'NAME:PASSWORD',
    help: 'a second identity, for the ownership checks',
    read: readCredentials,
    inConfig: true,
  },
  {
    key: 'requestTimeout',
    flag: 'request-timeout',
    arg: 'DURATION',
    help: 'per-request timeout (default 10s; bare numbers are ms)',
    read: readDuration,
    inConfig: true,
    commands: ['run', 'proxy'],
    helpFor: { proxy: 'longest the broker may take to answer (default 30s)' },
  },
  {
    key: 'reportDir',
    flag: 'report-dir',
    arg: 'DIR',
    help: 'where to write the report (default ./eb-conform-reports/<host>-<time>/)',
    read: readString,
    inConfig: true,
    commands: TRAFFIC,
  },
  {
    key: 'failOn',
    flag: 'fail-on',
    arg: 'LEVEL',
    help: 'must (default) | should: which requirements must be checked and hold',
    read: readChoice(['must', 'should'] as const),
    inConfig: true,
    commands: TRAFFIC,
  },
  {
    key: 'allowIncomplete',
    flag: 'allow-incomplete',
    help: 'exit 0 instead of 4 when nothing failed but some requirements could not be checked',
    read: readBoolean,
    inConfig: true,
  },
  {
    key: 'expect',
    flag: 'expect',
    arg: 'FILE',
    help: 'known failures of this target (YAML), not counted against it',
    read: readString,
    inConfig: true,
  },
  {
    key: 'fault',
    flag: 'fault',
    arg: 'NAME',
    help: 'built-in broker only: switch on a named defect; repeatable',
    read: readList,
    repeatable: true,
    inConfig: true,
  },
  {
    key: 'progress',
    flag: 'progress',
    arg: 'MODE',
    help: 'tty | plain | none (default: tty on a terminal, plain in CI)',
    read: readChoice(['tty', 'plain', 'none'] as const),
    inConfig: true,
  },
  {
    key: 'quiet',
    flag: 'quiet',
    help: 'print the verdict line only',
    read: readBoolean,
    inConfig: true,
  },
  {
    key: 'har',
    flag: 'har',
    arg: 'WHAT',
    help: 'sample (default: cited exchanges plus a sample) | full: what exchanges.har keeps',
    read: readChoice(['sample', 'full'] as const),
    inConfig: true,
  },
  {
    key: 'workers',
    flag: 'workers',
    arg: 'N',
    help: 'parallel test workers (default: cores - 1, at least 2 against a remote target)',
    read: readInteger(1),
    inConfig: true,
  },
  {
    key: 'rules',
    flag: 'rules',
    arg: 'a,b',
    help: 'only these rules (rule names or requirement ids)',
    read: readList,
    inConfig: false,
    commands: ['check'],
  },
  {
    key: 'skewMs',
    flag: 'skew-ms',
    arg: 'N',
    help: 'clock tolerance at expiry instants and slot edges, in ms (default 1000)',
    read: readInteger(0),
    inConfig: false,
    commands: ['check'],
  },
  {
    key: 'format',
    flag: 'format',
    arg: 'text|json',
    help: 'terminal output (json: the verdict per requirement, machine-readable)',
    read: readChoice(['text', 'json'] as const),
    inConfig: false,
    commands: ['check'],
  },
  {
    key: 'port',
    flag: 'port',
    arg: 'N',
    help: 'port to listen on (default 8081; 0 picks a free one)',
    read: readPort,
    inConfig: false,
    commands: ['proxy'],
  },
  {
    key: 'host',
    flag: 'host',
    arg: 'ADDRESS',
    help: 'address to listen on (default 127.0.0.1)',
    read: readString,
    inConfig: false,
    commands: ['proxy'],
  },
  {
    key: 'noFindingHeaders',
    flag: 'no-finding-headers',
    help: 'stream answers straight through, without x-eb-conform-findings',
    read: readBoolean,
    inConfig: false,
    commands: ['proxy'],
  },
  {
    key: 'config',
    flag: 'config',
    arg: 'FILE',
    help: 'read targets and option defaults from this eb-conform.yaml',
    read: readString,
    inConfig: false,
  },
  {
    key: 'only',
    flag: 'only',
    arg: 'NAME',
    help: 'with --config: run only the target of this name',
    read: readString,
    inConfig: false,
  },
];

/** The options `eb-conform run` takes (the ones eb-conform.yaml may set among them). */
export const RUN_OPTIONS: readonly OptionSpec[] = optionsOf('run');

export function optionsOf(command: Command): OptionSpec[] {
  return OPTIONS.filter((option) => (option.commands ?? ['run']).includes(command));
}

/** The environment variable of an option: EB_CONFORM_ and the flag in upper snake case. */
export function envName(option: OptionSpec): string {
  return `EB_CONFORM_${option.flag.toUpperCase().replaceAll('-', '_')}`;
}

export function optionByKey(key: string): OptionSpec | undefined {
  return OPTIONS.find((option) => option.key === key);
}
