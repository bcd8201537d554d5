// Listings of a LaTeX document (lstlisting, verbatim, minted). Listings use escapes for
// highlighting ([+...+], [*...*]) and draw ASCII arrows beside the YAML; both are removed
// line by line so that positions in the cleaned text are positions in the .tex file.
import type { Snippet } from './snippet.ts';
import { blockSnippet } from './snippet.ts';

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
    const cleaned = lines
      .slice(i + 1, end)
      .map(cleanListingLine)
      .join('\n');
    snippets.push(blockSnippet(file, 'latex', lines, i, end, cleaned));
    i = end;
  }
  return snippets;
}
