// One YAML or JSON file, parsed once, with the line of every node kept so that a finding can
// point an editor at the exact place. JSON is read through the YAML parser too (JSON is YAML
// 1.2), which gives one position model for both.
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';

export interface SyntaxProblem {
  line: number;
  message: string;
}

export interface SourceFile {
  /** Absolute path. */
  path: string;
  text: string;
  /** The parsed document as plain data; undefined when it did not parse at all. */
  data: unknown;
  problems: SyntaxProblem[];
  /** 1-based line of the node at this JSON pointer, or of its nearest ancestor that has one. */
  lineOf(pointer: string): number;
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((token) => '/' + escapePointerToken(String(token))).join('');
}

/** The value at a JSON pointer ('' is the whole document), or undefined. */
export function getAtPointer(data: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return pointer === '' ? data : undefined;
  if (!pointer.startsWith('/')) return undefined;
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const token = unescapePointerToken(raw);
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (current !== null && typeof current === 'object') {
      if (!Object.prototype.hasOwnProperty.call(current, token)) return undefined;
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}

/** NUL bytes, or many invalid UTF-8 sequences: an image or a binary, not a text file. */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const replaced = text.match(/\uFFFD/g)?.length ?? 0;
  return replaced > 8 && replaced > text.length / 100;
}

/** A parser message fit for one terminal line: no control characters, no runaway length. */
function tidyMessage(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return 'nested too deeply to read';
  // The line is reported separately; drop the parser's own "at line N, column M:" suffix.
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what goes
  const printable = first.replace(/[\u0000-\u001f\u007f-\u009f\uFFFD]/g, '?');
  return printable.length > 160 ? `${printable.slice(0, 157)}...` : printable;
}

function unreadable(path: string, text: string, message: string): SourceFile {
  return { path, text, data: undefined, problems: [{ line: 1, message }], lineOf: () => 1 };
}

export function parseSource(path: string, text: string): SourceFile {
  if (looksBinary(text)) return unreadable(path, text, 'binary content, not a YAML or JSON text');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: true });
  const lines = new Map<string, number>();
  const lineAt = (offset: number | undefined): number =>
    offset === undefined ? 1 : counter.linePos(offset).line;

  const visit = (node: unknown, pointer: string, line: number): void => {
    lines.set(pointer, line);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyNode = pair.key as Node | null;
        visit(pair.value, joinPointer(pointer, key), lineAt(keyNode?.range?.[0]));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const itemNode = item as Node | null;
        visit(item, joinPointer(pointer, index), lineAt(itemNode?.range?.[0]));
      });
    }
  };
  const root = doc.contents as Node | null;
  visit(root, '', lineAt(root?.range?.[0]));

  // After the first syntax error the parser's further complaints are mostly echoes of it
  // (a binary or a badly broken file gives hundreds): report the first, count the rest.
  const problems: SyntaxProblem[] = doc.errors.slice(0, 1).map((error) => ({
    line: error.linePos?.[0]?.line ?? 1,
    message:
      tidyMessage(error.message) +
      (doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more parse error(s) after it)` : ''),
  }));
  // A document with syntax errors is only partly recovered, and what the parser guesses (a
  // title cut short, a key swallowed) would mislead every check: treat it as absent.
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      problems.push({ line: 1, message: tidyMessage((error as Error).message) });
    }
  }

  return {
    path,
    text,
    data,
    problems,
    lineOf(pointer: string): number {
      let current = pointer;
      for (;;) {
        const line = lines.get(current);
        if (line !== undefined) return line;
        if (current === '') return 1;
        current = current.slice(0, current.lastIndexOf('/'));
      }
    },
  };
}

export function readSource(path: string): SourceFile {
  return parseSource(path, readFileSync(path, 'utf8'));
}
