import { describe, expect, it } from 'vitest';
import { cleanListingLine, extractFromLatex } from '../../spec-tools/extract/latex.ts';
import { extractFromMarkdown } from '../../spec-tools/extract/markdown.ts';
import { splitHttpTranscript } from '../../spec-tools/extract/snippet.ts';
import { extractFromStructuredFile } from '../../spec-tools/extract/structured-file.ts';
import { typeFromShape } from '../../spec-tools/examples/judge.ts';

describe('listing markup', () => {
  it('keeps the YAML under highlighting escapes', () => {
    expect(cleanListingLine('[+# A comment.+]')).toBe('# A comment.');
    expect(cleanListingLine('  [*min: 32*]')).toBe('  min: 32');
  });

  it('drops the arrows drawn beside the YAML', () => {
    expect(cleanListingLine('    resource: scratch  ----\\')).toBe('    resource: scratch');
    expect(cleanListingLine('  - name: scratch      <----/')).toBe('  - name: scratch');
    expect(cleanListingLine('    path: /temp            |')).toBe('    path: /temp');
    expect(cleanListingLine('                           |')).toBe('');
  });

  it('keeps one line per line, so positions stay those of the .tex file', () => {
    const tex = ['text', '\\begin{lstlisting}[]', 'a: 1', 'b: [*2*]', '\\end{lstlisting}'].join(
      '\n',
    );
    expect(extractFromLatex('x.tex', tex)).toEqual([
      { file: 'x.tex', line: 3, source: 'latex', text: 'a: 1\nb: 2' },
    ]);
  });
});

describe('HTTP transcripts', () => {
  it('splits a request into its start line, content type and body', () => {
    const split = splitHttpTranscript(
      'POST /offersets HTTP/1.1\nHost: x\nContent-Type: application/yaml\n\na: 1',
    );
    expect(split?.http).toEqual({
      startLine: 'POST /offersets',
      method: 'POST',
      path: '/offersets',
      contentType: 'application/yaml',
    });
    expect(split?.body).toBe('a: 1');
    expect(split?.bodyOffset).toBe(4);
  });

  it('recognises a response by its status line and leaves other text alone', () => {
    expect(splitHttpTranscript('HTTP/1.1 200 OK\n\nresult: YES')?.http.status).toBe(200);
    expect(splitHttpTranscript('result: YES')).toBeUndefined();
  });
});

describe('Markdown and YAML streams', () => {
  it('reads an eb-type comment placed just before a fence', () => {
    const [snippet] = extractFromMarkdown(
      'n.md',
      '<!-- eb-type: Update -->\n```yaml\npath: phase\n```\n',
    );
    expect(snippet).toMatchObject({ line: 3, declaredType: 'Update', text: 'path: phase' });
  });

  it('splits a YAML stream into one example per document', () => {
    const snippets = extractFromStructuredFile('s.yaml', 'a: 1\n---\nb: 2\n', 'yaml');
    expect(snippets.map((snippet) => [snippet.line, snippet.text])).toEqual([
      [1, 'a: 1'],
      [3, 'b: 2\n'],
    ]);
  });
});

describe('document type from shape', () => {
  it.each([
    [{ result: 'YES', offers: [] }, 'OfferSetResponse'],
    [{ phase: 'OFFERED', expires: 'x' }, 'ExecutionSession'],
    [{ kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' }, 'Update'],
    [{ executable: {}, compute: {} }, 'ExecutionRequest'],
    [{ request: { executable: {} } }, 'ExecutionRequest'],
    [{ level: 'WARN', template: 'x' }, 'MessageItem'],
    [{ Thing: { type: 'object', properties: {} } }, 'schema'],
    [{ colour: 'red' }, undefined],
  ])('%j is %s', (document, type) => {
    expect(typeFromShape(document)).toBe(type);
  });
});
