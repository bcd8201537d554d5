// A candidate example document cut out of some larger file, with enough context to point back
// at it (file and first line) and to guess what it is.

export type SnippetSource = 'yaml' | 'json' | 'markdown' | 'latex';

export interface HttpEnvelope {
  /** "POST /offersets" for a request, "HTTP 200" for a response. */
  startLine: string;
  method?: string;
  path?: string;
  status?: number;
  contentType?: string;
}

export interface Snippet {
  file: string;
  /** 1-based line in `file` of the first line of `text`. */
  line: number;
  source: SnippetSource;
  /** The document text, cleaned of listing markup; one line per line of the original. */
  text: string;
  /** Language of a Markdown fence, when given. */
  language?: string;
  /** Type named by an `eb-type:` comment in or just before the snippet. */
  declaredType?: string;
  /** Set when the snippet was an HTTP transcript and `text` is its body. */
  http?: HttpEnvelope;
}

const DECLARED_TYPE = /eb-type:\s*([A-Za-z][\w.-]*)/;

export function declaredTypeIn(text: string): string | undefined {
  return DECLARED_TYPE.exec(text)?.[1];
}

const REQUEST_LINE = /^([A-Z]+)\s+(\S+)\s+HTTP\/\d(?:\.\d)?\s*$/;
const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/;

/**
 * Splits an HTTP transcript (start line, headers, blank line, body) into its envelope and
 * body, keeping the body's line offset. Returns undefined for text that is not a transcript.
 */
export function splitHttpTranscript(
  text: string,
): { http: HttpEnvelope; body: string; bodyOffset: number } | undefined {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) return undefined;
  const startLine = (lines[first] as string).trim();
  const request = REQUEST_LINE.exec(startLine);
  const status = STATUS_LINE.exec(startLine);
  if (!request && !status) return undefined;
  const http: HttpEnvelope = request
    ? {
        startLine: `${request[1]} ${request[2]}`,
        method: request[1] as string,
        path: request[2] as string,
      }
    : { startLine: `HTTP ${status?.[1]}`, status: Number(status?.[1]) };
  let index = first + 1;
  for (; index < lines.length && (lines[index] as string).trim() !== ''; index++) {
    const header = /^([\w-]+)\s*:\s*(.*)$/.exec(lines[index] as string);
    if (header && (header[1] as string).toLowerCase() === 'content-type')
      http.contentType = (header[2] as string).trim();
  }
  const bodyOffset = Math.min(index + 1, lines.length);
  return { http, body: lines.slice(bodyOffset).join('\n'), bodyOffset };
}

/**
 * The snippet for a fenced or listed block whose opening line is `opening` (0-based) in `lines`
 * and whose content runs to `end`: its declared type (in the block or the three lines before
 * it), and, for an HTTP transcript, only the body with the line moved to where the body starts.
 */
export function blockSnippet(
  file: string,
  source: SnippetSource,
  lines: readonly string[],
  opening: number,
  end: number,
  text: string,
): Snippet {
  const raw = lines.slice(opening + 1, end).join('\n');
  const before = lines.slice(Math.max(0, opening - 3), opening).join('\n');
  const declared = declaredTypeIn(raw) ?? declaredTypeIn(before);
  const http = splitHttpTranscript(text);
  return {
    file,
    line: opening + 2 + (http?.bodyOffset ?? 0),
    source,
    text: http ? http.body : text,
    ...(declared ? { declaredType: declared } : {}),
    ...(http ? { http: http.http } : {}),
  };
}
