import { describe, expect, it } from 'vitest';
import { negotiate, parseAccept, requestMedia } from '../../mock/http/negotiate.ts';

describe('response negotiation', () => {
  it('answers YAML when nothing is declared, or anything goes', () => {
    expect(negotiate(undefined)).toBe('yaml');
    expect(negotiate('')).toBe('yaml');
    expect(negotiate('*/*')).toBe('yaml');
    expect(negotiate('application/*')).toBe('yaml');
  });

  it('answers YAML when YAML and JSON are equally preferred, whatever the order', () => {
    expect(negotiate('application/json, application/yaml')).toBe('yaml');
    expect(negotiate('application/json;q=0.5, application/yaml;q=0.5')).toBe('yaml');
  });

  it('honours q-values', () => {
    expect(negotiate('application/yaml;q=0.4, application/json;q=0.9')).toBe('json');
    expect(negotiate('application/json;q=0.1, */*;q=0.5')).toBe('yaml');
    expect(negotiate('application/json, */*;q=0.1')).toBe('json');
    expect(negotiate('text/yaml;q=1, application/json;q=0.99')).toBe('yaml');
  });

  it('lets the most specific range decide a type, so q=0 excludes it', () => {
    expect(negotiate('application/yaml;q=0, */*')).toBe('json');
    expect(negotiate('application/*;q=0, text/x-yaml')).toBe('yaml');
  });

  it('gives up (406) when nothing it writes is acceptable', () => {
    expect(negotiate('text/html')).toBeUndefined();
    expect(negotiate('application/yaml;q=0, application/json;q=0')).toBeUndefined();
    expect(negotiate('application/xml', { supported: ['yaml', 'json'] })).toBeUndefined();
  });

  it('treats malformed ranges as absent rather than failing', () => {
    expect(parseAccept('garbage, application/json;q=2, application/json;q=abc')).toEqual([]);
    expect(negotiate(';;;,,,')).toBe('yaml');
    expect(negotiate('application/json;q=nope, application/json')).toBe('json');
  });

  it('takes the first listed match when told to ignore q-values (the ignore-q-values fault)', () => {
    expect(negotiate('application/json;q=0.1, application/yaml', { ignoreQ: true })).toBe('json');
  });
});

describe('request media', () => {
  it('reads the content type, with parameters and aliases', () => {
    expect(requestMedia('application/json; charset=utf-8')).toEqual({
      kind: 'media',
      media: 'json',
    });
    expect(requestMedia('Application/X-YAML')).toEqual({ kind: 'media', media: 'yaml' });
    expect(requestMedia(undefined)).toEqual({ kind: 'none' });
    expect(requestMedia('text/html')).toEqual({ kind: 'unsupported', name: 'text/html' });
  });
});
