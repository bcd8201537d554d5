// Regular expressions as JavaScript sees them. OpenAPI authors often test their patterns with
// Java or PCRE, whose atomic groups and possessive quantifiers JavaScript rejects outright.

export type PatternNormaliser = (pattern: string) => string;

/**
 * This project's fallback for spec/'s normalisePattern: atomic groups become plain groups and
 * possessive quantifiers become greedy ones. Both match the same strings whenever the group
 * cannot backtrack into what follows, which holds for the patterns seen in the wild.
 */
export function normalisePatternLocally(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && (next === 'Z' || next === 'z')) out += '$';
      else out += char + next;
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      continue;
    }
    if (char === '(' && pattern.startsWith('(?>', i)) {
      out += '(?:';
      i += 2;
      continue;
    }
    out += char;
    if ((char === '*' || char === '+' || char === '?' || char === '}') && pattern[i + 1] === '+') {
      const previous = pattern[i - 1];
      // `(?` and `\?` are not quantifiers; a quantifier quantifier is only possessive.
      if (!(char === '?' && previous === '(')) i++;
    }
  }
  return out;
}

/** The compile error JavaScript gives for a pattern (with the `u` flag, as Ajv uses), if any. */
export function patternError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A RegExp for the pattern, normalised first when it does not compile as written. */
export function compilePattern(pattern: string, normalise: PatternNormaliser): RegExp | undefined {
  for (const candidate of [pattern, normalise(pattern)]) {
    try {
      return new RegExp(candidate, 'u');
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}
