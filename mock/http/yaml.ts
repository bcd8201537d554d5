// YAML every client reads alike. A YAML 1.1 reader (PyYAML, which Python clients use) takes an
// unquoted YES, on or 2025-01-01 for a boolean or a date, and a YAML 1.2 reader does not; a
// broker's answer must mean the same to both. So the broker writes its own YAML, from the plain
// data it answers with: every string double-quoted with JSON's escapes (which both versions
// read the same), a key left bare only when it is a plain word no version reads as anything but
// text, and numbers spelled the way both versions read as numbers.

/** Words YAML 1.1 reads as booleans or null (1.2's are a subset): a key spelled so is quoted. */
const SPECIAL_WORDS = new Set(
  ['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null'].flatMap((word) => [
    word,
    word[0]!.toUpperCase() + word.slice(1),
    word.toUpperCase(),
  ]),
);

const BARE_KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Characters JSON leaves raw that YAML 1.1 refuses or reads as line breaks (C1 controls, NEL,
 * the Unicode line and paragraph separators, byte-order and non-characters): escaped instead.
 */
const UNSAFE_RAW = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** Implicit keys may be at most 1024 characters long in both versions; longer ones go explicit. */
const LONG_KEY = 1000;

export function quoted(text: string): string {
  return JSON.stringify(text).replace(
    UNSAFE_RAW,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function key(name: string): string {
  return BARE_KEY.test(name) && !SPECIAL_WORDS.has(name) ? name : quoted(name);
}

/** A number both versions read back as the same number: 1.1 wants a dot before an exponent. */
function number(value: number): string {
  if (!Number.isFinite(value)) return 'null'; // as JSON writes it
  const text = String(value);
  return text.includes('e') && !text.includes('.') ? text.replace('e', '.0e') : text;
}

function scalar(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number') return number(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  if (typeof value === 'object')
    return Object.keys(value).some((k) => (value as Record<string, unknown>)[k] !== undefined)
      ? undefined
      : '{}';
  return 'null';
}

function entries(value: object): [string, unknown][] {
  return Object.entries(value).filter(([, item]) => item !== undefined);
}

function write(value: unknown, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      const simple = scalar(item);
      if (simple !== undefined) out.push(`${indent}- ${simple}\n`);
      else if (Array.isArray(item)) {
        out.push(`${indent}-\n`);
        write(item, `${indent}  `, out);
      } else {
        // A mapping starts on the dash's line: `- key: value`, the rest below it.
        const lines: string[] = [];
        write(item, `${indent}  `, lines);
        out.push(`${indent}- ${lines.join('').slice(indent.length + 2)}`);
      }
    }
    return;
  }
  for (const [name, item] of entries(value as object)) {
    const simple = scalar(item);
    const label = key(name);
    if (label.length > LONG_KEY) {
      out.push(`${indent}? ${label}\n${indent}:`);
    } else out.push(`${indent}${label}:`);
    if (simple !== undefined) out.push(` ${simple}\n`);
    else {
      out.push('\n');
      write(item, `${indent}  `, out);
    }
  }
}

/** The YAML text of a plain-data answer (what JSON.stringify would write, as YAML). */
export function toYamlText(value: unknown): string {
  const simple = scalar(value);
  if (simple !== undefined) return `${simple}\n`;
  const out: string[] = [];
  write(value, '', out);
  return out.join('');
}
