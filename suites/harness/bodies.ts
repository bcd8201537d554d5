// What the suites do with bodies and media types: the caps, the parsers that never throw, the
// two formats a request is written in, and readers for the few identifiers every check needs.

import { stringify as stringifyYaml } from 'yaml';

// How bodies and media types are read is the traffic readers' (one way for the whole toolkit).
export { isJsonType, isYamlType, mediaType, parseBody } from '../traffic/media.ts';

/** Bodies beyond this are cut off; no conformant answer comes near it. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** What an exchange keeps of a body for the report. */
export const RECORDED_BODY_CHARS = 64 * 1024;

export type BodyFormat = 'json' | 'yaml';

export const MEDIA: Record<BodyFormat, string> = {
  json: 'application/json',
  yaml: 'application/yaml',
};

export async function readCapped(
  body: AsyncIterable<Uint8Array> & { destroy?: () => void },
): Promise<{ text: string; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    if (size + chunk.byteLength > MAX_BODY_BYTES) {
      chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
      truncated = true;
      body.destroy?.();
      break;
    }
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

export function clip(text: string | undefined): { body?: string; clipped: boolean } {
  if (text === undefined || text === '') return { clipped: false };
  return text.length > RECORDED_BODY_CHARS
    ? { body: text.slice(0, RECORDED_BODY_CHARS), clipped: true }
    : { body: text, clipped: false };
}

export function uuidOf(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const meta = (doc as { meta?: unknown }).meta;
  const uuid =
    typeof meta === 'object' && meta !== null ? (meta as { uuid?: unknown }).uuid : undefined;
  return typeof uuid === 'string' ? uuid : undefined;
}

export function offersOf(offerset: unknown): unknown[] {
  if (typeof offerset !== 'object' || offerset === null) return [];
  const offers = (offerset as { offers?: unknown }).offers;
  return Array.isArray(offers) ? offers : [];
}

export function serialise(body: unknown, format: BodyFormat): string {
  if (format === 'json') return JSON.stringify(body);
  // A YAML document of the same value; yaml's stringify is exact for plain JSON data.
  return stringifyYaml(body);
}
