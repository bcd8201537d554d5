// A YAML or JSON file is itself the example; a multi-document YAML stream is several.
import type { Snippet } from './snippet.ts';
import { declaredTypeIn } from './snippet.ts';

export function extractFromStructuredFile(
  file: string,
  text: string,
  source: 'yaml' | 'json',
): Snippet[] {
  if (source === 'json') return [{ file, line: 1, source, text, ...typeOf(text) }];
  const snippets: Snippet[] = [];
  const lines = text.split('\n');
  let start = 0;
  const flush = (end: number): void => {
    const body = lines.slice(start, end).join('\n');
    if (body.trim() !== '')
      snippets.push({ file, line: start + 1, source, text: body, ...typeOf(body) });
  };
  lines.forEach((line, index) => {
    // "---" separates YAML documents; the first one may open the file.
    if (/^---\s*(#.*)?$/.test(line)) {
      flush(index);
      start = index + 1;
    }
  });
  flush(lines.length);
  return snippets;
}

function typeOf(text: string): { declaredType?: string } {
  const declared = declaredTypeIn(text);
  return declared ? { declaredType: declared } : {};
}
