// Bodies and their media types, read the one way the whole toolkit reads them: the live client,
// the traffic readers and the proxy. YAML alias bombs and deep nesting are bounded by the
// parser's own limits.

import { parse as parseYaml } from 'yaml';

/** The media type of a Content-Type value: lower case, no parameters. */
export function mediaType(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

export function isJsonType(type: string | undefined): boolean {
  return type !== undefined && (type === 'application/json' || type.endsWith('+json'));
}

export function isYamlType(type: string | undefined): boolean {
  return type !== undefined && /^(application|text)\/(x-)?yaml$/.test(type);
}

export interface ParsedBody {
  body?: unknown;
  error?: string;
}

function attempt(read: () => unknown): ParsedBody {
  try {
    return { body: read() };
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] ?? 'unparseable body' };
  }
}

const readJson = (text: string) => (): unknown => JSON.parse(text) as unknown;
// Warnings (odd tags, unknown directives) say nothing a reader needs; errors still throw.
const readYaml = (text: string) => (): unknown =>
  parseYaml(text, { maxAliasCount: 50, logLevel: 'error' }) as unknown;

/** Parses a body by its media type; a type that is neither JSON nor YAML is not parsed. */
export function parseBody(type: string | undefined, text: string): ParsedBody {
  if (text.trim() === '') return {};
  if (isJsonType(type)) return attempt(readJson(text));
  if (isYamlType(type)) return attempt(readYaml(text));
  return {};
}

/**
 * Parses a body whose media type is not known (a document file, a transcript without headers):
 * JSON when it looks like JSON, else YAML. An HTML or plain-text page is left as text.
 */
export function sniffBody(text: string): ParsedBody {
  const head = text.trimStart();
  if (head === '') return {};
  if (head.startsWith('{') || head.startsWith('[')) {
    const json = attempt(readJson(text));
    if (json.error === undefined) return json;
  }
  if (head.startsWith('<')) return {};
  const yaml = attempt(readYaml(text));
  // A plain line of text is valid YAML (a string): that is not a document either.
  return typeof yaml.body === 'string' ? {} : yaml;
}
