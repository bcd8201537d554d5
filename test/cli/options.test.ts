import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../cli/options/config.ts';
import {
  layerOptions,
  optionsHelp,
  parseFlags,
  readEnvironment,
  resolveRuns,
} from '../../cli/options/resolve.ts';
import { envName, RUN_OPTIONS } from '../../cli/options/table.ts';
import { OptionError, readDuration, readHeaders } from '../../cli/options/values.ts';
import { SCHEMA_FILE, schemaText } from '../../cli/options/write-schema.ts';

describe('option values', () => {
  it('reads durations in ISO 8601, with a unit, or as bare milliseconds', () => {
    expect(readDuration('PT6M', 'x')).toBe(360_000);
    expect(readDuration('90s', 'x')).toBe(90_000);
    expect(readDuration('500', 'x')).toBe(500);
    expect(() => readDuration('soon', '--max-wait')).toThrow(
      /--max-wait: "soon" is not a duration/,
    );
  });

  it('reads headers from flags, lines and mappings, and refuses a bad name', () => {
    expect(readHeaders(['A: 1', 'B: x:y'], '-H')).toEqual({ A: '1', B: 'x:y' });
    expect(readHeaders('A: 1\nB: 2', 'EB_CONFORM_HEADER')).toEqual({ A: '1', B: '2' });
    expect(readHeaders({ 'X-Key': 'v' }, 'headers')).toEqual({ 'X-Key': 'v' });
    expect(() => readHeaders(['no colon'], '-H')).toThrow(/expects "Name: value"/);
  });
});

describe('flags and environment', () => {
  it('parses every flag of the table into typed options', () => {
    const { options } = parseFlags([
      '--target',
      'http://h:1/',
      '--max-wait',
      'PT2M',
      '-H',
      'A: 1',
      '-H',
      'B: 2',
      '--allow-incomplete',
      '--classes',
      'expiry,capacity',
      '--user',
      'alice:s:e:cret',
    ]);
    expect(options).toEqual({
      target: 'http://h:1',
      maxWait: 120_000,
      header: { A: '1', B: '2' },
      allowIncomplete: true,
      classes: ['expiry', 'capacity'],
      user: 'alice:s:e:cret',
    });
  });

  it('names the flag in every error and never echoes a password', () => {
    expect(() => parseFlags(['--runs', '0'])).toThrow(/--runs must be an integer of at least 1/);
    expect(() => parseFlags(['--user', 'nopassword'])).toThrow(/--user expects NAME:PASSWORD/);
    expect(() => parseFlags(['--bogus'])).toThrow(OptionError);
    expect(() => parseFlags(['--profile', 'v9'])).toThrow(/--profile must be v1.0.7, v1.0.5, auto/);
  });

  it('gives every option an EB_CONFORM_ variable; flags win over the environment', () => {
    expect(envName(RUN_OPTIONS.find((o) => o.key === 'maxWait')!)).toBe('EB_CONFORM_MAX_WAIT');
    const env = { EB_CONFORM_MAX_WAIT: 'PT1M', EB_CONFORM_SEED: '7', EB_CONFORM_QUIET: '' };
    expect(readEnvironment(env)).toEqual({ maxWait: 60_000, seed: 7 });
    const { runs } = resolveRuns(['--seed', '9'], env);
    expect(runs[0]?.options).toEqual({ maxWait: 60_000, seed: 9 });
  });

  it('merges headers by name across layers and replaces everything else', () => {
    expect(
      layerOptions({ header: { A: '1', B: '1' }, runs: 5 }, { header: { B: '2' }, runs: 9 }),
    ).toEqual({ header: { A: '1', B: '2' }, runs: 9 });
  });

  it('lists every option in the help', () => {
    const help = optionsHelp();
    for (const option of RUN_OPTIONS) expect(help).toContain(`--${option.flag}`);
  });
});

describe('eb-conform.yaml', () => {
  const folder = mkdtempSync(join(tmpdir(), 'eb-config-'));

  it('reads targets with inline declarations, ${VAR} values and paths relative to the file', () => {
    const text = [
      'defaults:',
      '  maxWait: PT6M',
      '  failOn: should',
      'targets:',
      '  - name: local',
      '    url: http://127.0.0.1:8082/',
      '    profile: v1.0.5',
      '    user: "alice:${ALICE_PW}"',
      '    headers: { X-Key: "k-$${literal}" }',
      '    expectations: known.yaml',
      '    declaration: { capacity: { cores: 8 }, offerLifetime: PT5M }',
      '    options: { runs: 5 }',
    ].join('\n');
    const config = parseConfig(text, join(folder, 'eb-conform.yaml'), { ALICE_PW: 's3cret' });
    expect(config.defaults).toEqual({ maxWait: 360_000, failOn: 'should' });
    expect(config.targets[0]).toMatchObject({
      name: 'local',
      options: {
        target: 'http://127.0.0.1:8082',
        profile: 'v1.0.5',
        user: 'alice:s3cret',
        header: { 'X-Key': 'k-${literal}' },
        expect: join(folder, 'known.yaml'),
        runs: 5,
      },
      declaration: { capacity: { cores: 8 }, offerLifetime: 'PT5M' },
    });
  });

  it('reports unknown keys, bad values and unset variables with file:line, all at once', () => {
    const text = [
      'defaults:',
      '  maxWiat: PT6M',
      'targets:',
      '  - name: a',
      '    url: http://h',
      '    user: "alice:${NOT_SET_ANYWHERE}"',
      '  - name: b',
      '    url: http://h',
      '    options: { runs: 0 }',
      '    declaration: { colour: red }',
    ].join('\n');
    const attempt = () => parseConfig(text, 'eb-conform.yaml', {});
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/eb-conform.yaml:2: unknown key "maxWiat"/);
    // Schema errors stop before value errors: fix the keys first, then the values.
    const values = [
      'targets:',
      '  - name: a',
      '    url: http://h',
      '    user: "alice:${NOT_SET_ANYWHERE}"',
      '  - name: b',
      '    url: http://h',
      '    options: { runs: 0 }',
      '    declaration: { capacity: { cores: -1 } }',
      '  - name: a',
      '    url: http://h',
    ].join('\n');
    let error: unknown;
    try {
      parseConfig(values, 'c.yaml', {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/c.yaml:4: environment variable NOT_SET_ANYWHERE is not set/);
    expect(message).toMatch(/c.yaml:7: runs must be an integer of at least 1/);
    expect(message).toMatch(/c.yaml:8: declaration: capacity.cores must be a non-negative number/);
    expect(message).toMatch(/c.yaml:9: target name "a" is used twice/);
  });

  it('refuses YAML that does not parse, with its line', () => {
    expect(() => parseConfig('targets: [\n  - a', 'bad.yaml', {})).toThrow(/bad.yaml:\d+:/);
  });

  it('resolves --config with --only, and flag > environment > target > defaults', () => {
    const file = join(folder, 'two.yaml');
    writeFileSync(
      file,
      [
        'defaults: { runs: 3, seed: 1 }',
        'targets:',
        '  - { name: one, url: "http://one", options: { seed: 2 } }',
        '  - { name: two, url: "http://two" }',
      ].join('\n'),
    );
    const all = resolveRuns(['--config', file], {});
    expect(all.runs.map((run) => run.name)).toEqual(['one', 'two']);
    const one = resolveRuns(['--config', file, '--only', 'one', '--runs', '8'], {
      EB_CONFORM_SEED: '4',
    });
    expect(one.runs).toHaveLength(1);
    expect(one.runs[0]?.options).toMatchObject({ target: 'http://one', runs: 8, seed: 4 });
    expect(() => resolveRuns(['--config', file, '--only', 'three'], {})).toThrow(
      /--only three: no such target .* \(targets: one, two\)/,
    );
    expect(() => resolveRuns(['--only', 'one'], {})).toThrow(/--only needs --config/);
  });

  it('ships a JSON Schema that matches the option table', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8').replace(/\s+/g, '')).toBe(
      schemaText().replace(/\s+/g, ''),
    );
  });
});
