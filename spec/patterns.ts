// Regular expressions in OpenAPI files are written for many engines (Java, PCRE, Python); JSON
// Schema says ECMA-262, and Ajv compiles them with the `u` flag. This rewrites the constructs
// JavaScript rejects into ones that match the same strings in the patterns where they occur,
// and says what it changed, so a loader can report it instead of failing.

export interface NormalisedPattern {
  pattern: string;
  /** One plain-English line per kind of rewrite; empty when the pattern was already fine. */
  changes: string[];
}

// Java/PCRE escapes with a JavaScript spelling. `\Z` also allows one trailing newline there,
// which no value in this standard carries, so plain end-of-input is the faithful reading.
const ESCAPES: Record<string, { to: string; note: string }> = {
  A: { to: '^', note: '\\A (start of input) -> ^' },
  Z: { to: '$', note: '\\Z (end of input) -> $' },
  z: { to: '$', note: '\\z (end of input) -> $' },
  h: { to: '[ \\t]', note: '\\h (horizontal space) -> [ \\t]' },
};

// Outside a character class, only these may be escaped under the `u` flag.
const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/'.split(''));
// Escapes with a meaning of their own under the `u` flag (classes, controls, references...).
const MEANINGFUL = new Set('dDwWsSbBnrtfv0123456789cxuUkpP'.split(''));

export function normalisePatternDetailed(source: string): NormalisedPattern {
  const changes = new Set<string>();
  let out = '';
  let inClass = false;
  // Whether the last thing written was a quantifier: only then is a following `+` possessive.
  // Tracked as state because an escaped backslash (`\\\\++`) fools a look at the output's tail.
  let afterQuantifier = false;
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    const next = source[i + 1] ?? '';
    if (ch === '\\') {
      const mapped = ESCAPES[next];
      if (mapped !== undefined && !inClass) {
        out += mapped.to;
        changes.add(mapped.note);
      } else if (
        !inClass &&
        next !== '' &&
        !SYNTAX_CHARS.has(next) &&
        !MEANINGFUL.has(next) &&
        !/[a-zA-Z]/.test(next)
      ) {
        // `\-`, `\:`, `\"`... are identity escapes other engines accept and `u` mode rejects.
        out += next;
        changes.add(`needless escape \\${next} -> ${next}`);
      } else {
        out += ch + next;
      }
      afterQuantifier = false;
      i += 2;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      i += 1;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      afterQuantifier = false;
      out += ch;
      // A leading `]` or `^]` is a literal in other engines; keep it literal here.
      if (source[i + 1] === '^') {
        out += '^';
        i += 1;
      }
      if (source[i + 1] === ']') {
        out += '\\]';
        i += 1;
        changes.add('leading ] in a class -> \\]');
      }
      i += 1;
      continue;
    }
    if (ch === '(' && next === '?') {
      const rest = source.slice(i + 2);
      afterQuantifier = false;
      if (rest.startsWith('>')) {
        // An atomic group never gives back what it matched. Where it wraps a class that cannot
        // overrun what follows (as in the upstream instant pattern), a plain group matches the
        // same strings.
        out += '(?:';
        changes.add('atomic group (?>...) -> (?:...)');
        i += 3;
        continue;
      }
      const named = /^P<([A-Za-z_]\w*)>/.exec(rest);
      if (named) {
        out += `(?<${named[1]}>`;
        changes.add('Python named group (?P<name>...) -> (?<name>...)');
        i += 2 + named[0].length;
        continue;
      }
      const backref = /^P=([A-Za-z_]\w*)\)/.exec(rest);
      if (backref) {
        out += `\\k<${backref[1]}>`;
        changes.add('Python back-reference (?P=name) -> \\k<name>');
        i += 2 + backref[0].length;
        continue;
      }
      out += '(?';
      i += 2;
      continue;
    }
    if (ch === '+' && afterQuantifier) {
      // A possessive quantifier (`a*+`). Dropping the `+` leaves the greedy one; with the
      // simple classes schemas use, the set of matched strings is the same.
      changes.add('possessive quantifier -> greedy');
      afterQuantifier = false;
      i += 1;
      continue;
    }
    out += ch;
    afterQuantifier =
      ch === '*' || ch === '+' || ch === '?' || (ch === '}' && /\{\d+(?:,\d*)?\}$/.test(out));
    i += 1;
  }
  return { pattern: out, changes: [...changes] };
}

export function normalisePattern(pattern: string): string {
  return normalisePatternDetailed(pattern).pattern;
}

/** Compiles a pattern the way Ajv will (unicode mode); returns the error message if it fails. */
export function patternError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * A RegExp for a pattern (unicode mode, as Ajv compiles it): as written when JavaScript accepts
 * it, normalised when only the rewrite compiles, undefined when neither does.
 */
export function compilePattern(pattern: string): RegExp | undefined {
  for (const candidate of [pattern, normalisePattern(pattern)]) {
    try {
      return new RegExp(candidate, 'u');
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}
