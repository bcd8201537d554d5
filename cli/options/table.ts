// Every option of `eb-conform run`, once: its flag, its environment variable, its key in
// eb-conform.yaml, its help line and how its value is read. The flag parser, the environment
// reader, the config file checker, the config file's JSON Schema and `run --help` are all made
// from this table, so they cannot drift apart.

import {
  readBoolean,
  readChoice,
  readCredentials,
  readDuration,
  readHeaders,
  readInteger,
  readList,
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
}

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
}

const PROFILES = ['v1.0.7', 'v1.0.5', 'auto'] as const;

export const RUN_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'target',
    flag: 'target',
    arg: 'URL',
    help: 'broker base URL (default: start the built-in reference broker)',
    read: readUrl,
    inConfig: true,
  },
  {
    key: 'profile',
    flag: 'profile',
    arg: 'NAME',
    help: 'v1.0.7 | v1.0.5 | auto (default: auto with --target, else v1.0.7)',
    read: readChoice(PROFILES),
    inConfig: true,
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
  },
  {
    key: 'reportDir',
    flag: 'report-dir',
    arg: 'DIR',
    help: 'where to write the report (default ./eb-conform-reports/<host>-<time>/)',
    read: readString,
    inConfig: true,
  },
  {
    key: 'failOn',
    flag: 'fail-on',
    arg: 'LEVEL',
    help: 'must (default) | should: which requirements must be checked and hold',
    read: readChoice(['must', 'should'] as const),
    inConfig: true,
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

/** The environment variable of an option: EB_CONFORM_ and the flag in upper snake case. */
export function envName(option: OptionSpec): string {
  return `EB_CONFORM_${option.flag.toUpperCase().replaceAll('-', '_')}`;
}

export function optionByKey(key: string): OptionSpec | undefined {
  return RUN_OPTIONS.find((option) => option.key === key);
}
