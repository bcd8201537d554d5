// normalisePattern rewrites what JavaScript's RegExp (unicode mode, as Ajv uses it) rejects into
// patterns that compile and match the same strings, and says what it changed.

import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  normalisePattern,
  normalisePatternDetailed,
  patternError,
} from '../../spec/index.ts';

describe('normalisePattern', () => {
  it('leaves JavaScript-ready patterns alone', () => {
    for (const p of [
      '^\\d{4}-\\d{2}$',
      '^[a-z]+(?:-[a-z]+)*$',
      '^(?<year>\\d{4})$',
      '[+\\-]',
      '^a\\/b$',
    ]) {
      expect(normalisePatternDetailed(p)).toEqual({ pattern: p, changes: [] });
    }
  });

  it('turns atomic groups into plain groups, keeping the matched strings', () => {
    const upstream = '^(\\d{4}(?:-\\d{2}){2}T\\d{2}(?::\\d{2}){2}(?>[^\\/]+))$';
    expect(patternError(upstream)).toBeDefined();
    const fixed = normalisePatternDetailed(upstream);
    expect(fixed.pattern).toBe('^(\\d{4}(?:-\\d{2}){2}T\\d{2}(?::\\d{2}){2}(?:[^\\/]+))$');
    expect(fixed.changes).toEqual(['atomic group (?>...) -> (?:...)']);
    const re = new RegExp(fixed.pattern, 'u');
    expect(re.test('2025-06-01T12:00:00Z')).toBe(true);
    expect(re.test('2025-06-01T12:00:00')).toBe(false);
  });

  it('drops the + of possessive quantifiers', () => {
    expect(normalisePattern('^a*+b++c?+d{2}+$')).toBe('^a*b+c?d{2}$');
    expect(normalisePattern('^\\++$')).toBe('^\\++$');
    expect(normalisePattern('[a+]+')).toBe('[a+]+');
  });

  it('sees a possessive quantifier after an escaped backslash, and none after an escaped plus', () => {
    // `\\++` is a literal backslash, possessively repeated; `\++` is one or more plus signs.
    expect(normalisePattern('^\\\\++$')).toBe('^\\\\+$');
    expect(patternError(normalisePattern('^\\\\++$'))).toBeUndefined();
    expect(normalisePattern('^\\d++\\++$')).toBe('^\\d+\\++$');
    expect(normalisePattern('^(?:ab)?+x{2,3}+$')).toBe('^(?:ab)?x{2,3}$');
  });

  it('compiles a pattern as written when it can, and through the rewrite when only that compiles', () => {
    expect(compilePattern('^a\\-b$')?.source).toBe('^a-b$');
    expect(compilePattern('^[a-z]+$')?.source).toBe('^[a-z]+$');
    expect(compilePattern('^(?>[A-Z]{3})$')?.test('ABC')).toBe(true);
    expect(compilePattern('(')).toBeUndefined();
  });

  it('maps \\A, \\Z and \\z to anchors, outside character classes only', () => {
    expect(normalisePattern('\\Aabc\\Z')).toBe('^abc$');
    expect(normalisePattern('\\Aabc\\z')).toBe('^abc$');
    expect(normalisePattern('[\\Z]')).toBe('[\\Z]');
  });

  it('rewrites Python named groups and back-references', () => {
    const fixed = normalisePattern('(?P<word>\\w+) (?P=word)');
    expect(fixed).toBe('(?<word>\\w+) \\k<word>');
    expect(new RegExp(fixed, 'u').test('hello hello')).toBe(true);
  });

  it('unescapes identity escapes that unicode mode rejects', () => {
    expect(patternError('^a\\-b\\:c$')).toBeDefined();
    expect(normalisePattern('^a\\-b\\:c$')).toBe('^a-b:c$');
    expect(patternError(normalisePattern('^a\\-b\\:c$'))).toBeUndefined();
  });

  it('never throws on odd input, and reports compile errors instead', () => {
    for (const p of ['', '\\', '(', '[', '(?', '(?>', '+++', '\\Z\\A', '(?P<', '[]]']) {
      expect(() => normalisePattern(p)).not.toThrow();
    }
    expect(patternError('(')).toMatch(/Invalid regular expression/);
    expect(patternError('^ok$')).toBeUndefined();
  });
});
