import { describe, expect, it } from 'vitest';
import { parseMockArgs } from '../../cli/mock.ts';

describe('eb-conform mock --engine', () => {
  it('hands --engine prism its port, host, profile and --dynamic', () => {
    const parsed = parseMockArgs([
      '--engine',
      'prism',
      '--dynamic',
      '--port',
      '0',
      '--profile',
      'v1.0.5',
    ]);
    expect(parsed).toMatchObject({
      options: { port: 0, profile: 'v1.0.5' },
      prism: { dynamic: true },
    });
    expect(parseMockArgs(['--engine', 'reference'])).not.toHaveProperty('prism');
  });

  it('refuses what Prism cannot do, an unknown engine and --dynamic alone', () => {
    expect(parseMockArgs(['--engine', 'prism', '--fault', 'no-expiry'])).toEqual({
      error: '--engine prism serves the spec only; it cannot take --fault',
    });
    expect(parseMockArgs(['--engine', 'prism', '--time-scale', '60', '--control'])).toEqual({
      error: '--engine prism serves the spec only; it cannot take --time-scale, --control',
    });
    expect(parseMockArgs(['--engine', 'wiremock'])).toEqual({
      error: '--engine: "wiremock" is not an engine (reference or prism)',
    });
    expect(parseMockArgs(['--dynamic'])).toEqual({ error: '--dynamic needs --engine prism' });
  });
});
