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
  it('reads the one serialised settings object the runner hands its workers', () => {
    process.env.EB_SETTINGS = JSON.stringify({
      target: 'http://127.0.0.1:9/',
      profile: 'v1.0.5',
      seed: 77,
      runs: 5,
      headers: { Authorization: 'Bearer x' },
      credentials: { user: 'alice', password: 's:e' },
    });
    const context = targetContext();
    expect(context.target).toBe('http://127.0.0.1:9');
    expect(context.profile).toBe('v1.0.5');
    expect(context.seed).toBe(77);
    expect(context.runs).toBe(5);
    expect(context.headers).toEqual({ Authorization: 'Bearer x' });
    expect(context.credentials).toEqual({ user: 'alice', password: 's:e' });
    expect(context.maxWaitMs).toBe(600_000);
  });

  it('needs only EB_TARGET under plain vitest', () => {
    process.env.EB_TARGET = 'http://127.0.0.1:9/';
    expect(targetContext()).toMatchObject({ target: 'http://127.0.0.1:9', seed: 42, runs: 50 });
  });

  it('explains a bad setting instead of guessing', () => {
    process.env.EB_TARGET = 'ftp://example.org';
    expect(() => targetContext()).toThrow(/http\(s\) URL/);
    delete process.env.EB_TARGET;
    process.env.EB_SETTINGS = JSON.stringify({ target: 'http://127.0.0.1:9', runs: 'many' });
    expect(() => targetContext()).toThrow(/runs must be an integer of at least 1/);
    process.env.EB_SETTINGS = '{not json';
    expect(() => targetContext()).toThrow(/EB_SETTINGS is not JSON/);
  });
});
