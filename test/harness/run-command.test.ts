import { describe, expect, it } from 'vitest';
import { OptionError, parseFlags } from '../../cli/options/resolve.ts';
import { readDuration } from '../../cli/options/values.ts';

/** The command line as typed options (the run's one option path), or 'help'. */
function parseRunArgs(argv: string[]): ReturnType<typeof parseFlags>['options'] | 'help' {
  const { options, help } = parseFlags(argv);
  return help ? 'help' : options;
}

const parseWait = (text: string): number => readDuration(text, '--max-wait');
const UsageError = OptionError;

describe('eb-conform run arguments', () => {
  it('turns every option into typed run options', () => {
    expect(
      parseRunArgs([
        '--target',
        'http://localhost:8082',
        '--profile',
        'auto',
        '--classes',
        'matching, schema',
        '--seed',
        '42',
        '--runs',
        '10',
        '--max-wait',
        'PT1M',
        '-H',
        'Authorization: Bearer t',
        '--header',
        'X-Trace:1',
        '--request-timeout',
        '2500',
        '--report-dir',
        'out',
        '--fail-on',
        'should',
        '--expect',
        'known.yaml',
        '--declare',
        'd.yaml',
        '--requirement',
        '/req/matching/cores-min',
      ]),
    ).toEqual({
      target: 'http://localhost:8082',
      profile: 'auto',
      classes: ['matching', 'schema'],
      seed: 42,
      runs: 10,
      maxWait: 60_000,
      header: { Authorization: 'Bearer t', 'X-Trace': '1' },
      requestTimeout: 2500,
      reportDir: 'out',
      failOn: 'should',
      expect: 'known.yaml',
      declare: 'd.yaml',
      requirement: ['/req/matching/cores-min'],
    });
  });

  it('collects repeated and comma-separated faults', () => {
    expect(parseRunArgs(['--fault', 'below-min,ignore-max', '--fault', 'no-expiry'])).toEqual({
      fault: ['below-min', 'ignore-max', 'no-expiry'],
    });
  });

  it('refuses what it cannot use, with a message naming the option', () => {
    expect(() => parseRunArgs(['--fail-on', 'may'])).toThrow(/--fail-on/);
    expect(() => parseRunArgs(['--seed', '-3'])).toThrow(UsageError);
    expect(() => parseRunArgs(['--profile', 'v2'])).toThrow(/--profile/);
    expect(() => parseRunArgs(['-H', 'no colon'])).toThrow(/Name: value/);
    expect(() => parseRunArgs(['--nonsense'])).toThrow(UsageError);
    expect(parseRunArgs(['--help'])).toBe('help');
  });

  it('reads waits as ISO 8601 durations or suffixed numbers', () => {
    expect(parseWait('PT1M30S')).toBe(90_000);
    expect(parseWait('30s')).toBe(30_000);
    expect(parseWait('500ms')).toBe(500);
    expect(parseWait('2m')).toBe(120_000);
    expect(parseWait('250')).toBe(250);
    expect(() => parseWait('soon')).toThrow(/not a duration/);
  });
});
