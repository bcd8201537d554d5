// What `check` is given: HAR files, folders of documents, transcripts, histories and single
// documents, in any mix. Each input is recognised by what it holds (its name only breaks
// ties) and read as a stream of traffic items.

import { open, readFile, stat } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { readDocuments, readFolder } from './folder.ts';
import { readHar } from './har.ts';
import { readHistoryFile } from './history-file.ts';
import { looksLikeTranscript, transcriptExchanges } from './transcript.ts';
import type { InputProblem, TrafficItem } from './types.ts';

export type InputKind = 'har' | 'folder' | 'transcript' | 'history' | 'document';

export interface Input {
  path: string;
  kind: InputKind;
}

export const INPUT_KIND_TEXT: Record<InputKind, string> = {
  har: 'HAR file',
  folder: 'folder of documents',
  transcript: 'HTTP transcript',
  history: 'history',
  document: 'document',
};

/** An input that cannot be read at all (exit 2). */
export class InputError extends Error {
  override name = 'InputError';
}

/** Transcripts are read whole; a larger one is not a transcript of a broker conversation. */
const MOST_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

async function head(path: string, bytes = 64 * 1024): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function isHistoryLine(line: string): boolean {
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    return typeof value === 'object' && value !== null && 'op' in value && 'type' in value;
  } catch {
    return false;
  }
}

/** What kind of input a path is; throws InputError when it is none of them. */
export async function detectInput(path: string): Promise<Input> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  if (info.isDirectory()) return { path, kind: 'folder' };
  if (!info.isFile()) throw new InputError(`${path} is neither a file nor a folder`);
  let text: string;
  try {
    text = await head(path);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const ext = extname(path).toLowerCase();
  const start = text.trimStart();
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  if (ext === '.har' || (start.startsWith('{') && /"log"\s*:/.test(start.slice(0, 4096))))
    return { path, kind: 'har' };
  if (ext === '.ndjson' || ext === '.jsonl' || isHistoryLine(firstLine))
    return { path, kind: 'history' };
  if (looksLikeTranscript(text)) return { path, kind: 'transcript' };
  if (ext === '.json' || ext === '.yaml' || ext === '.yml') return { path, kind: 'document' };
  if (start === '') throw new InputError(`${path} is empty`);
  throw new InputError(
    `${path} is not a HAR file, a folder of documents, an HTTP transcript, a history.ndjson or a JSON/YAML document`,
  );
}

/** The traffic an input holds, in recorded order. `prefix` keeps its ids apart from others'. */
export async function* readInput(
  input: Input,
  prefix: string,
  onProblem: (problem: InputProblem) => void,
): AsyncGenerator<TrafficItem> {
  switch (input.kind) {
    case 'har':
      yield* readHar(input.path, { prefix, onProblem });
      return;
    case 'history':
      yield* readHistoryFile(input.path, { prefix, onProblem });
      return;
    case 'folder':
      yield* await readFolder(input.path, { prefix, onProblem });
      return;
    case 'document':
      yield* await readDocuments([input.path], dirname(input.path), { prefix, onProblem });
      return;
    case 'transcript': {
      const info = await stat(input.path);
      if (info.size > MOST_TRANSCRIPT_BYTES)
        throw new InputError(
          `${input.path} is over ${MOST_TRANSCRIPT_BYTES} bytes: too large for a transcript`,
        );
      const text = await readFile(input.path, 'utf8');
      yield* transcriptExchanges(text, input.path, prefix, info.mtimeMs);
      return;
    }
  }
}
