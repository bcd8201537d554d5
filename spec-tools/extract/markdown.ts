// Fenced code blocks of a Markdown file. Blocks in languages that are clearly not documents
// (shell, TypeScript...) are left alone; unlabelled blocks are tried.
import type { Snippet } from './snippet.ts';
import { declaredTypeIn, splitHttpTranscript } from './snippet.ts';

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
    const body = lines.slice(i + 1, end).join('\n');
    const before = lines.slice(Math.max(0, i - 3), i).join('\n');
    if (DOCUMENT_LANGUAGES.has(language)) {
      const declared = declaredTypeIn(body) ?? declaredTypeIn(before);
      const http = splitHttpTranscript(body);
      snippets.push({
        file,
        line: i + 2 + (http?.bodyOffset ?? 0),
        source: 'markdown',
        text: http ? http.body : body,
        language,
        ...(declared ? { declaredType: declared } : {}),
        ...(http ? { http: http.http } : {}),
      });
    }
    i = end;
  }
  return snippets;
}
