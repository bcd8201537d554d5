import { describe, expect, it } from 'vitest';
import { harHeaders, headerValue, parseHeaderLines } from '../../suites/traffic/headers.ts';
import { parseBody, sniffBody } from '../../suites/traffic/media.ts';
import { documentKind, looksLike } from '../../suites/traffic/shape.ts';

describe('what a body is', () => {
  it('tells the standard documents by shape', () => {
    expect(documentKind({ meta: {}, result: 'YES', offers: [] })).toBe('OfferSetResponse');
    expect(documentKind({ meta: { uuid: 'u' }, phase: 'OFFERED' })).toBe('ExecutionSession');
    expect(documentKind({ kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' })).toBe(
      'Update',
    );
    expect(documentKind({ update: { type: 'x', path: 'phase', value: 'ACCEPTED' } })).toBe(
      'Update',
    );
    expect(documentKind({ executable: {}, schedule: {} })).toBe('ExecutionRequest');
    expect(documentKind({ error: { code: 'x', message: 'y' } })).toBe('ErrorResponse');
  });

  it('never types something else as a session, and says what it looks like', () => {
    const spring = {
      timestamp: '2025-11-25T06:06:42.435+00:00',
      status: 400,
      error: 'Bad Request',
      path: '/offersets',
    };
    expect(documentKind(spring)).toBe('foreign');
    expect(looksLike(spring)).toBe(
      'a web framework\'s error body (status 400 "Bad Request" for /offersets)',
    );
    expect(documentKind(undefined, '<!DOCTYPE html><html>')).toBe('foreign');
    expect(looksLike(undefined, '<!DOCTYPE html><html>')).toBe('an HTML page');
    expect(documentKind(undefined, '')).toBe('empty');
    expect(documentKind(undefined, '{x', 'bad')).toBe('unparseable');
    expect(documentKind([1, 2])).toBe('foreign');
    expect(looksLike({ title: 'Not Found', status: 404, type: 'about:blank' })).toContain(
      'problem+json',
    );
  });

  it('parses bodies by their type, and by their look when no type was captured', () => {
    expect(parseBody('application/json', '{"a":1}')).toEqual({ body: { a: 1 } });
    expect(parseBody('text/plain', '{"a":1}')).toEqual({});
    expect(parseBody('application/yaml', 'a: [')).toHaveProperty('error');
    expect(sniffBody('{"a":1}')).toEqual({ body: { a: 1 } });
    expect(sniffBody('a: 1\n')).toEqual({ body: { a: 1 } });
    expect(sniffBody('just words')).toEqual({});
    expect(sniffBody('<html></html>')).toEqual({});
  });
});

describe('the one header parser', () => {
  it('folds repeats, lower-cases names and continues folded lines', () => {
    expect(
      parseHeaderLines(['Accept: a', 'X-Long: one', '  two', 'accept: b', 'no colon']),
    ).toEqual({
      accept: 'a, b',
      'x-long': 'one two',
    });
    expect(harHeaders([{ name: 'Location', value: '/x' }, { name: 1 }, null])).toEqual({
      location: '/x',
    });
    expect(headerValue({ 'Content-Type': 'a' }, 'content-type')).toBe('a');
  });
});
