// Listings of a LaTeX document (lstlisting, verbatim, minted). Listings use escapes for
// highlighting ([+...+], [*...*]) and draw ASCII arrows beside the YAML; both are removed
// line by line so that positions in the cleaned text are positions in the .tex file.
import type { Snippet } from './snippet.ts';
import { declaredTypeIn, splitHttpTranscript } from './snippet.ts';

const BEGIN = /^\s*\\begin\{(lstlisting|verbatim|minted)\}(\[[^\]]*\])?(\{[^}]*\})?/;

/** Removes listing markup from one line, keeping the YAML it decorates. */
export function cleanListingLine(line: string): string {
  return (
    line
      // escape-to-LaTeX delimiters used for comments and emphasis
      .replace(/\[\+(.*?)\+\]/g, '$1')
      .replace(/\[\*(.*?)\*\]/g, '$1')
      // arrows drawn beside the document: "----\", "<----/", a lone "|" column
      .replace(/\s+<?-{2,}[\\/]\s*$/, '')
      .replace(/\s{2,}\|\s*$/, '')
      .replace(/^\s+\|\s*$/, '')
      .replace(/\s+$/, '')
  );
}

export function extractFromLatex(file: string, text: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const begin = BEGIN.exec(lines[i] as string);
    if (!begin) continue;
    const environment = begin[1] as string;
    let end = i + 1;
    while (end < lines.length && !(lines[end] as string).includes(`\\end{${environment}}`)) end++;
    const raw = lines.slice(i + 1, end);
    const cleaned = raw.map(cleanListingLine).join('\n');
    const before = lines.slice(Math.max(0, i - 3), i).join('\n');
    const declared = declaredTypeIn(raw.join('\n')) ?? declaredTypeIn(before);
    const http = splitHttpTranscript(cleaned);
    snippets.push({
      file,
      line: i + 2 + (http?.bodyOffset ?? 0),
      source: 'latex',
      text: http ? http.body : cleaned,
      ...(declared ? { declaredType: declared } : {}),
      ...(http ? { http: http.http } : {}),
    });
    i = end;
  }
  return snippets;
}
