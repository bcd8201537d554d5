import { afterEach, describe, expect, it } from 'vitest';
import { targetContext } from '../../suites/harness/context.ts';
import { checkDeclaration, DeclarationError } from '../../suites/harness/declaration.ts';

const SAVED = { ...process.env };

afterEach(() => {
  for (const key of Object.keys(process.env))
    if (key.startsWith('EB_') && !(key in SAVED)) delete process.env[key];
  Object.assign(process.env, SAVED);
});

describe('checkDeclaration', () => {
  it('accepts a complete declaration', () => {
    const doc = {
      profile: 'v1.0.5',
      updatePath: 'phase',
      capacity: { cores: 64, memory: 256, storage: 2048 },
      offerLifetime: 'PT5M',
      direct: true,
      xml: false,
      controlClock: false,
    };
    expect(checkDeclaration(doc)).toEqual(doc);
  });

  it('reports every problem at once, by field', () => {
    const attempt = () =>
      checkDeclaration({
        profile: 'v9',
        capacity: { cores: -1, gpus: 2 },
        direct: 'yes',
        colour: 'red',
      });
    expect(attempt).toThrow(DeclarationError);
    expect(attempt).toThrow(
      /unknown field "colour".*profile must be.*direct must be true or false.*capacity.cores.*unknown capacity field "gpus"/,
    );
  });

  it('refuses a document that is not a mapping', () => {
    expect(() => checkDeclaration(['profile'])).toThrow(/expected a mapping/);
  });
});

describe('targetContext', () => {
  it('reads the target and settings from the environment', () => {
    process.env.EB_TARGET = 'http://127.0.0.1:9/';
    process.env.EB_PROFILE = 'v1.0.5';
    process.env.EB_SEED = '77';
    process.env.EB_RUNS = '5';
    process.env.EB_HEADERS = '{"Authorization": "Bearer x"}';
    const context = targetContext();
    expect(context.target).toBe('http://127.0.0.1:9');
    expect(context.profile).toBe('v1.0.5');
    expect(context.seed).toBe(77);
    expect(context.runs).toBe(5);
    expect(context.headers).toEqual({ Authorization: 'Bearer x' });
  });

  it('explains a bad setting instead of guessing', () => {
    process.env.EB_TARGET = 'ftp://example.org';
    expect(() => targetContext()).toThrow(/http\(s\) URL/);
    process.env.EB_TARGET = 'http://127.0.0.1:9';
    process.env.EB_RUNS = 'many';
    expect(() => targetContext()).toThrow(/EB_RUNS must be a non-negative integer/);
  });
});
