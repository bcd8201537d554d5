import { describe, expect, it } from 'vitest';
import { parseRunArgs, parseWait, UsageError } from '../../cli/run.ts';

describe('eb-conform run arguments', () => {
  it('turns every option into RunOptions', () => {
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
      maxWaitMs: 60_000,
      headers: { Authorization: 'Bearer t', 'X-Trace': '1' },
      requestTimeoutMs: 2500,
      reportDir: 'out',
      failOn: 'should',
      expect: 'known.yaml',
      declare: 'd.yaml',
      requirements: ['/req/matching/cores-min'],
    });
  });

  it('collects repeated and comma-separated faults', () => {
    expect(parseRunArgs(['--fault', 'below-min,ignore-max', '--fault', 'no-expiry'])).toEqual({
      faults: ['below-min', 'ignore-max', 'no-expiry'],
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
