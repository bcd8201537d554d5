// The validator: plain-English issues with RFC 6901 pointers, one compiled validator per spec and
// profile, and no crash on hostile input.

import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_TYPES,
  createValidator,
  formatIssue,
  getProfile,
  kindUri,
  loadSpec,
} from '../../spec/index.ts';

const v7 = createValidator();
const compute = kindUri('v1.0.7', 'simple-compute-resource');

describe('createValidator', () => {
  it('compiles once per spec and profile', () => {
    expect(createValidator()).toBe(v7);
    expect(createValidator({ profile: 'v1.0.7' })).toBe(v7);
    expect(createValidator({ profile: getProfile('v1.0.7'), spec: loadSpec() })).toBe(v7);
    expect(createValidator({ profile: 'v1.0.5' })).not.toBe(v7);
    expect(v7.profile.name).toBe('v1.0.7');
  });

  it('accepts every document type and schema name, and refuses unknown ones clearly', () => {
    expect(v7.types()).toEqual(
      expect.arrayContaining([...DOCUMENT_TYPES, 'DockerContainer', 'ISO8601Duration']),
    );
    expect(v7.validate('ISO8601Duration', 'PT1H').valid).toBe(true);
    expect(v7.validate('OfferSet', { result: 'NO' }).valid).toBe(true);
    expect(() => v7.validate('Nonsense', {})).toThrow('unknown document type "Nonsense"');
  });
});

describe('issues', () => {
  it('say what is wrong in plain English, with the offending value', () => {
    const doc = {
      compute: { kind: compute, cores: { min: 'two', max: -1 } },
      schedule: { requested: { duration: '2h' } },
    };
    const lines = v7.validate('ExecutionRequest', doc).issues.map(formatIssue);
    expect(lines).toEqual(
      expect.arrayContaining([
        '/compute/cores/min: must be an integer (got "two")',
        '/compute/cores/max: must be >= 0 (got -1)',
        '/schedule/requested/duration: must be an ISO8601Duration such as PT2H (got "2h")',
      ]),
    );
  });

  it('point at a missing member, and at the whole document with an empty pointer', () => {
    expect(
      v7.validate('Update', { kind: 'uri:enum-value-update', value: 'ACCEPTED' }).issues,
    ).toEqual([
      {
        pointer: '/path',
        message: 'is required but missing',
        keyword: 'required',
        schemaPath: expect.any(String),
      },
    ]);
    const whole = v7.validate('ExecutionRequest', 'hello').issues;
    expect(whole.map(formatIssue)).toEqual(['(document): must be an object (got "hello")']);
  });

  it('escape pointer tokens as RFC 6901 says', () => {
    const issues = v7.validate('MessageItem', { values: { 'a/b~c': 1 } }).issues;
    expect(issues.map((i) => i.pointer)).toEqual(['/values/a~1b~0c']);
  });

  it('are reported once each, even where schemas are reached twice', () => {
    const issues = v7.validate('ExecutionRequest', {
      compute: { kind: compute, meta: { uuid: 'x' } },
    }).issues;
    expect(issues.map(formatIssue)).toEqual(['/compute/meta/uuid: must be a valid uuid (got "x")']);
  });

  it('shorten long values', () => {
    const issue = v7.validate('MessageItem', { level: 'x'.repeat(500) }).issues[0];
    expect(issue?.message.length).toBeLessThan(150);
  });
});

describe('hostile input', () => {
  it('never throws, whatever the document', () => {
    let deep: unknown = { kind: compute };
    for (let i = 0; i < 2000; i += 1) deep = { executable: deep, data: [deep] };
    const odd: unknown[] = [
      null,
      undefined,
      0,
      NaN,
      '',
      [],
      [[[]]],
      true,
      { __proto__: { kind: 'x' } },
      JSON.parse('{"__proto__": {"polluted": 1}}'),
      { constructor: 'x', kind: {} },
      deep,
      { offers: new Array(1000).fill({ kind: 'x' }) },
    ];
    for (const type of DOCUMENT_TYPES) {
      for (const doc of odd) expect(() => v7.validate(type, doc), type).not.toThrow();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects unknown kinds and non-string kinds without crashing', () => {
    expect(
      v7.validate('ExecutionRequest', { executable: { kind: 42 } }).issues.map(formatIssue),
    ).toEqual(['/executable/kind: must be a string (got 42)']);
    expect(
      v7.validate('ExecutionRequest', { executable: { kind: '' } }).issues.map((i) => i.pointer),
    ).toContain('/executable/kind');
  });
});

describe('every schema', () => {
  for (const profile of ['v1.0.7', 'v1.0.5', 'wd-2025'] as const) {
    it(`compiles under ${profile}`, () => {
      const validator = createValidator({ profile });
      for (const type of validator.types()) {
        expect(() => validator.validate(type, {}), type).not.toThrow();
      }
    });
  }
});
