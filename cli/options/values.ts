// Readers for option values, shared by flags, environment variables and the config file. Each
// takes the raw value (a string from the command line or the environment, or whatever YAML gave)
// and returns the typed value or throws OptionError with a sentence a person can act on.

import { targetUrl } from '../../suites/harness/context.ts';
import { durationMs } from '../../suites/history/time.ts';

export class OptionError extends Error {
  override name = 'OptionError';
}

/** A JSON Schema fragment: what the config file's schema says about one option's value. */
export type JsonSchema = Record<string, unknown>;

/** Reads one option value; `schema` describes the value in eb-conform.schema.json. */
export type Reader<T> = ((raw: unknown, label: string) => T) & { schema: JsonSchema };

function reader<T>(schema: JsonSchema, read: (raw: unknown, label: string) => T): Reader<T> {
  return Object.assign(read, { schema });
}

function text(raw: unknown, label: string): string {
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  throw new OptionError(`${label} must be a single value, got ${JSON.stringify(raw)}`);
}

export const readString: Reader<string> = reader({ type: 'string', minLength: 1 }, (raw, label) => {
  const value = text(raw, label);
  if (value === '') throw new OptionError(`${label} must not be empty`);
  return value;
});

export function readInteger(minimum: number): Reader<number> {
  return reader({ type: ['integer', 'string'] }, (raw, label) => {
    const value = typeof raw === 'number' ? raw : Number(text(raw, label));
    if (!Number.isSafeInteger(value) || value < minimum)
      throw new OptionError(
        `${label} must be an integer of at least ${minimum}, got ${JSON.stringify(raw)}`,
      );
    return value;
  });
}

export const readPort: Reader<number> = reader({ type: ['integer', 'string'] }, (raw, label) => {
  const value = readInteger(0)(raw, label);
  if (value > 65535) throw new OptionError(`${label} must be a port number, got ${value}`);
  return value;
});

export const readBoolean: Reader<boolean> = reader(
  { type: ['boolean', 'string'] },
  (raw, label) => {
    if (typeof raw === 'boolean') return raw;
    const value = text(raw, label).toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off', ''].includes(value)) return false;
    throw new OptionError(`${label} must be true or false, got ${JSON.stringify(raw)}`);
  },
);

export function readChoice<T extends string>(choices: readonly T[]): Reader<T> {
  return reader({ enum: [...choices] }, (raw, label) => {
    const value = text(raw, label);
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new OptionError(`${label} must be ${choices.join(', ')}, got "${value}"`);
  });
}

export const readUrl: Reader<string> = reader(
  { type: 'string', pattern: '^https?://' },
  (raw, label) => {
    try {
      return targetUrl(text(raw, label), label);
    } catch (error) {
      throw new OptionError((error as Error).message);
    }
  },
);

/**
 * Milliseconds from an ISO 8601 duration (PT1M30S), a number with a unit (30s, 500ms, 2m, 1h)
 * or bare milliseconds.
 */
export const readDuration: Reader<number> = reader(
  { type: ['string', 'integer'] },
  (raw, label) => {
    const value = text(raw, label);
    const plain = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value);
    if (plain !== null) {
      const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[
        (plain[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'
      ];
      return Math.round(Number(plain[1]) * unit);
    }
    const iso = durationMs(value);
    if (iso !== undefined) return Math.round(iso);
    throw new OptionError(`${label}: "${value}" is not a duration (try PT6M, 30s or 500ms)`);
  },
);

/** A comma-separated list (flags may also repeat); YAML may give a real list. */
export const readList: Reader<string[]> = reader(
  { type: ['string', 'array'], items: { type: 'string' } },
  (raw, label) => {
    const items = Array.isArray(raw) ? raw.map((item) => text(item, label)) : [text(raw, label)];
    return items
      .flatMap((item) => item.split(','))
      .map((item) => item.trim())
      .filter((item) => item !== '');
  },
);

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `Name: value` strings (flags, environment: one per line) or a YAML mapping of name -> value. */
export const readHeaders: Reader<Record<string, string>> = reader(
  { type: ['object', 'string', 'array'], additionalProperties: { type: 'string' } },
  (raw, label) => {
    const out: Record<string, string> = {};
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      for (const [name, value] of Object.entries(raw)) {
        if (!TOKEN.test(name)) throw new OptionError(`${label}: "${name}" is not a header name`);
        out[name] = text(value, `${label}.${name}`);
      }
      return out;
    }
    const lines = (Array.isArray(raw) ? raw : [raw])
      .map((item) => text(item, label))
      .flatMap((item) => item.split(/\r?\n/))
      .filter((line) => line.trim() !== '');
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon).trim() : '';
      if (!TOKEN.test(name)) throw new OptionError(`${label} expects "Name: value", got "${line}"`);
      out[name] = line.slice(colon + 1).trim();
    }
    return out;
  },
);

/** `NAME:PASSWORD` (the password may hold colons); never echoes the password back. */
export const readCredentials: Reader<string> = reader(
  { type: 'string', pattern: '^[^:]+:' },
  (raw, label) => {
    const value = text(raw, label);
    if (value.indexOf(':') <= 0)
      throw new OptionError(`${label} expects NAME:PASSWORD, got "${value.split(':')[0] ?? ''}"`);
    return value;
  },
);
