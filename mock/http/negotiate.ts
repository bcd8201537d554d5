// Content negotiation as a small pure function. Response type: the supported type the Accept
// header prefers most (RFC 9110 q-values, the most specific matching range deciding a type's
// weight); on a tie, and when nothing is declared, YAML, as the standard's prose asks.

export type MediaType = 'yaml' | 'json' | 'xml';

/** The names each supported type answers to; the first is the one the broker writes. */
export const MEDIA_NAMES: Record<MediaType, readonly string[]> = {
  yaml: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'],
  json: ['application/json', 'text/json'],
  xml: ['application/xml', 'text/xml'],
};

export const PREFERENCE: readonly MediaType[] = ['yaml', 'json', 'xml'];

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  order: number;
}

function parseRange(text: string, order: number): MediaRange | undefined {
  const [essence = '', ...params] = text.split(';').map((part) => part.trim());
  const match = /^([\w.+*-]+)\/([\w.+*-]+)$/.exec(essence.toLowerCase());
  if (match === null) return undefined;
  const [, type = '', subtype = ''] = match;
  if (type === '*' && subtype !== '*') return undefined;
  let q = 1;
  for (const param of params) {
    const [key = '', value = ''] = param.split('=').map((part) => part.trim());
    if (key.toLowerCase() !== 'q') continue;
    if (!/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value)) return undefined;
    q = Number(value);
  }
  return { type, subtype, q, order };
}

export function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((item, index) => parseRange(item, index))
    .filter((range): range is MediaRange => range !== undefined);
}

/** How specifically `range` names `name`: 3 exact, 2 type/*, 1 any, 0 not at all. */
function specificity(range: MediaRange, name: string): number {
  const [type, subtype] = name.split('/');
  if (range.type === '*') return 1;
  if (range.type !== type) return 0;
  if (range.subtype === '*') return 2;
  return range.subtype === subtype ? 3 : 0;
}

function weight(ranges: MediaRange[], media: MediaType): number {
  let best = { specificity: 0, q: 0 };
  for (const name of MEDIA_NAMES[media]) {
    for (const range of ranges) {
      const level = specificity(range, name);
      if (
        level > best.specificity ||
        (level === best.specificity && level > 0 && range.q > best.q)
      ) {
        best = { specificity: level, q: range.q };
      }
    }
  }
  return best.q;
}

export interface NegotiateOptions {
  /** Types the broker can write, in its order of preference. */
  supported?: readonly MediaType[];
  /** The `ignore-q-values` fault: the first listed range that matches anything wins. */
  ignoreQ?: boolean;
}

/** The type to answer in, or undefined when the client accepts nothing the broker writes (406). */
export function negotiate(
  accept: string | undefined,
  options: NegotiateOptions = {},
): MediaType | undefined {
  const supported = options.supported ?? PREFERENCE;
  if (accept === undefined || accept.trim() === '') return supported[0];
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return supported[0];
  if (options.ignoreQ === true) {
    for (const range of ranges) {
      const hit = supported.find((media) =>
        MEDIA_NAMES[media].some((name) => specificity(range, name) > 0),
      );
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
  let chosen: MediaType | undefined;
  let chosenQ = 0;
  for (const media of supported) {
    const q = weight(ranges, media);
    if (q > chosenQ) {
      chosen = media;
      chosenQ = q;
    }
  }
  return chosen;
}

export type RequestMedia =
  { kind: 'media'; media: MediaType } | { kind: 'none' } | { kind: 'unsupported'; name: string };

/** Reads a request's Content-Type. No header at all is `none`: the broker then reads YAML, which JSON also is. */
export function requestMedia(contentType: string | undefined): RequestMedia {
  if (contentType === undefined || contentType.trim() === '') return { kind: 'none' };
  const name = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  for (const media of PREFERENCE) {
    if (MEDIA_NAMES[media].includes(name)) return { kind: 'media', media };
  }
  return { kind: 'unsupported', name };
}

export function contentTypeOf(media: MediaType): string {
  const name = MEDIA_NAMES[media][0]!;
  return media === 'xml' ? name : `${name}; charset=utf-8`;
}

/**
 * `fn` remembering its answer per key, for headers clients send over and over. The memory is
 * bounded: past `limit` keys it starts afresh, so hostile clients cannot grow it.
 */
function remembering<V>(fn: (key: string) => V, limit = 256): (key: string) => V {
  const seen = new Map<string, V>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined && !seen.has(key)) {
      value = fn(key);
      if (seen.size >= limit) seen.clear();
      seen.set(key, value);
    }
    return value as V;
  };
}

/** `negotiate` with these options, remembered per Accept header. */
export function negotiator(
  options: NegotiateOptions,
): (accept: string | undefined) => MediaType | undefined {
  const cached = remembering((accept) => negotiate(accept, options));
  return (accept) => cached(accept ?? '');
}

/** `requestMedia`, remembered per Content-Type header. */
export function requestMediaReader(): (contentType: string | undefined) => RequestMedia {
  const cached = remembering(requestMedia);
  return (contentType) =>
    contentType === undefined ? requestMedia(undefined) : cached(contentType);
}
