// The one header parser of the traffic readers: HAR name/value lists, raw header blocks of
// transcripts and curl -v output all end up as one record with lower-case names, repeated
// headers joined as HTTP allows.

export type HeaderRecord = Record<string, string>;

/** Folds name/value pairs into a record: lower-case names, repeats joined with ", ". */
export function headerRecord(pairs: Iterable<readonly [string, string]>): HeaderRecord {
  const record: HeaderRecord = {};
  for (const [rawName, value] of pairs) {
    const name = rawName.trim().toLowerCase();
    if (name === '') continue;
    const before = record[name];
    record[name] = before === undefined ? value : `${before}, ${value}`;
  }
  return record;
}

/** HAR's `[{name, value}]` lists; entries that are not name/value strings are skipped. */
export function harHeaders(list: unknown): HeaderRecord {
  if (!Array.isArray(list)) return {};
  const pairs: [string, string][] = [];
  for (const item of list) {
    const { name, value } = (item ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name === 'string' && typeof value === 'string') pairs.push([name, value]);
  }
  return headerRecord(pairs);
}

/**
 * A raw header block, one `Name: value` per line; a line starting with a space or tab continues
 * the one before (obsolete folding). Lines without a colon are not headers and are skipped.
 */
export function parseHeaderLines(lines: readonly string[]): HeaderRecord {
  const pairs: [string, string][] = [];
  for (const line of lines) {
    const last = pairs.at(-1);
    if (/^[ \t]/.test(line) && last !== undefined) {
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    pairs.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return headerRecord(pairs);
}

/** A header value by name, whatever the case of the names in the record. */
export function headerValue(headers: HeaderRecord | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  const wanted = name.toLowerCase();
  if (headers[wanted] !== undefined) return headers[wanted];
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}
