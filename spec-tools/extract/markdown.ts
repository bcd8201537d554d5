// Fenced code blocks of a Markdown file. Blocks in languages that are clearly not documents
// (shell, TypeScript...) are left alone; unlabelled blocks are tried.
import type { Snippet } from './snippet.ts';
import { blockSnippet } from './snippet.ts';

const DOCUMENT_LANGUAGES = new Set(['', 'yaml', 'yml', 'json', 'http', 'text']);

export function extractFromMarkdown(file: string, text: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i] as string);
    if (!open) continue;
    const fence = open[2] as string;
    const language = (open[3] as string).toLowerCase();
    let end = i + 1;
    while (end < lines.length && !(lines[end] as string).trim().startsWith(fence)) end++;
    if (DOCUMENT_LANGUAGES.has(language)) {
      const body = lines.slice(i + 1, end).join('\n');
      snippets.push({ ...blockSnippet(file, 'markdown', lines, i, end, body), language });
    }
    i = end;
  }
  return snippets;
}
