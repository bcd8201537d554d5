// A folder of request and response documents, as client test suites keep them (the Calycopis
// broker's tests/curl folders): JSON and YAML files, read in file name order as one
// conversation. A request document pairs with the response document that follows it; what
// each document is comes from its shape, with the file name's "request"/"response" as a tie
// breaker. Status lines and headers were never captured, so nothing here pretends to know them.
//
// Times: a document's meta.created instants are readings of the broker clock made before it
// was fetched, so the latest seen so far is a lower bound on when it was seen. An offer set
// created in answer to a later request was created after this document was fetched, so its
// meta.created is an upper bound.

import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { instantMs } from '../history/time.ts';
import type { DocumentKind, Window } from '../rules/types.ts';
import { sniffBody } from './media.ts';
import { documentKind } from './shape.ts';
import type { DocumentFile, DocumentItem } from './types.ts';

const DOCUMENT_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);
/** Documents larger than this are not broker answers; they are skipped, not read. */
const MOST_BYTES = 4 * 1024 * 1024;
const REQUEST_KINDS: ReadonlySet<DocumentKind> = new Set(['ExecutionRequest', 'Update']);

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile() && DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase()))
      files.push(path);
  }
  return files;
}

function isRequest(file: DocumentFile): boolean {
  if (REQUEST_KINDS.has(file.kind)) return true;
  // A body that is nothing recognisable is placed by its name, where the name says.
  if (file.kind === 'foreign' || file.kind === 'empty' || file.kind === 'unparseable')
    return /request/i.test(file.file) && !/response/i.test(file.file);
  return false;
}

/** Every meta.created instant anywhere in a document. */
function createdInstants(node: unknown, found: number[] = [], depth = 0): number[] {
  if (typeof node !== 'object' || node === null || depth > 32) return found;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'meta') {
      const at = instantMs((value as { created?: unknown } | null)?.created);
      if (at !== undefined) found.push(at);
    }
    createdInstants(value, found, depth + 1);
  }
  return found;
}

/** Lower and upper bounds on when each item was seen (see the header of this file). */
function timeBounds(items: DocumentItem[]): void {
  const from: number[] = [];
  let latest = -Infinity;
  for (const item of items) {
    for (const at of createdInstants(item.response?.body)) latest = Math.max(latest, at);
    from.push(latest);
  }
  let upper = Infinity;
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i] as DocumentItem;
    const lower = from[i] ?? -Infinity;
    if (Number.isFinite(lower)) {
      const seen: Window = { from: lower, to: Math.max(lower, upper) };
      item.seen = seen;
      item.timeSource = 'meta-created';
    }
    // An offer set made for this item's request was made after everything before it was seen.
    const made =
      item.request?.kind === 'ExecutionRequest' && item.response?.kind === 'OfferSetResponse'
        ? instantMs((item.response.body as { meta?: { created?: unknown } }).meta?.created)
        : undefined;
    if (made !== undefined) upper = Math.min(upper, made);
  }
}

export interface FolderReadOptions {
  prefix: string;
  onProblem?: (problem: { source: string; message: string }) => void;
}

/** The conversation a folder holds, in file name order. */
export async function readFolder(dir: string, options: FolderReadOptions): Promise<DocumentItem[]> {
  return readDocuments(await listFiles(dir), dir, options);
}

/** The conversation some document files hold, in the order given; names are shown relative to `base`. */
export async function readDocuments(
  paths: readonly string[],
  base: string,
  options: FolderReadOptions,
): Promise<DocumentItem[]> {
  const items: DocumentItem[] = [];
  let pending: DocumentFile | undefined;
  const push = (request: DocumentFile | undefined, response: DocumentFile | undefined): void => {
    items.push({
      kind: 'documents',
      ...(request === undefined ? {} : { request }),
      ...(response === undefined ? {} : { response }),
      process: options.prefix,
      timeSource: 'none',
      source: response?.file ?? request?.file ?? base,
    });
  };
  for (const path of paths) {
    const name = relative(base, path) || path;
    let text: string;
    try {
      const buffer = await readFile(path);
      if (buffer.byteLength > MOST_BYTES) {
        options.onProblem?.({ source: name, message: `skipped: larger than ${MOST_BYTES} bytes` });
        continue;
      }
      text = buffer.toString('utf8');
    } catch (error) {
      options.onProblem?.({ source: name, message: `unreadable: ${(error as Error).message}` });
      continue;
    }
    const parsed = sniffBody(text);
    const file: DocumentFile = {
      file: name,
      text,
      ...(parsed.body === undefined ? {} : { body: parsed.body }),
      ...(parsed.error === undefined ? {} : { parseError: parsed.error }),
      kind: documentKind(parsed.body, text, parsed.error),
    };
    if (isRequest(file)) {
      if (pending !== undefined) push(pending, undefined);
      pending = file;
    } else {
      push(pending, file);
      pending = undefined;
    }
  }
  if (pending !== undefined) push(pending, undefined);
  timeBounds(items);
  return items;
}
