// Descriptions and documents given by URL. The file and every file its relative `$ref`s and
// discriminator mappings reach (on the same origin) are copied into a temporary folder that
// mirrors the URL paths, so the tools read them exactly as they read local files and show the
// same relative paths. Every fetch has a timeout and a size cap, and the whole copy a file cap.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { InputError } from '../input-error.ts';
import { collectRefs } from './spec-set.ts';

export interface FetchLimits {
  /** Per request, connection and body together. */
  timeoutMs: number;
  maxFileBytes: number;
  maxFiles: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxFileBytes: 8 * 1024 * 1024,
  maxFiles: 500,
};

export interface LocalCopy {
  /** A local path to hand to the tools (the input itself when it was not a URL). */
  path: string;
  /** URL -> local path of every file copied (empty for local input). */
  fetched: Map<string, string>;
  /** Files that were named but could not be fetched, with why (404s are not listed). */
  problems: string[];
  /** Fetches more files into the copy (a no-op for local input); returns those that arrived. */
  fetchMore(localPaths: string[]): Promise<string[]>;
  close(): void;
}

export function isUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

class FetchError extends Error {
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message);
  }
}

async function fetchText(url: URL, limits: FetchLimits): Promise<string> {
  let response: Response;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    response = await fetch(url, { signal, redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${limits.timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new FetchError(`cannot fetch ${url.href}: ${why}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new FetchError(
      `cannot fetch ${url.href}: HTTP ${response.status}`,
      response.status === 404,
    );
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const tooBig = `cannot fetch ${url.href}: larger than ${limits.maxFileBytes} bytes`;
  if (declared > limits.maxFileBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new FetchError(tooBig);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > limits.maxFileBytes) throw new FetchError(tooBig);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const why = signal.aborted
      ? `no complete answer within ${limits.timeoutMs} ms`
      : (error as Error).message;
    throw new FetchError(`cannot fetch ${url.href}: ${why}`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Relative references of a YAML/JSON text: `$ref`s and discriminator mapping values. */
function referencesIn(text: string): string[] {
  const document = parseDocument(text, { uniqueKeys: false });
  if (document.errors.length > 0) return [];
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch {
    return [];
  }
  const found = collectRefs(data)
    .map(({ ref }) => ref)
    .filter((ref): ref is string => typeof ref === 'string');
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      const mapping = (record.discriminator as { mapping?: unknown } | undefined)?.mapping;
      if (mapping !== null && typeof mapping === 'object')
        for (const value of Object.values(mapping))
          if (typeof value === 'string') found.push(value);
      Object.values(record).forEach(walk);
    }
  };
  walk(data);
  return found;
}

function noCopy(path: string): LocalCopy {
  return { path, fetched: new Map(), problems: [], fetchMore: async () => [], close() {} };
}

/**
 * A local copy of a URL and of what it references, or the input itself when it is a path.
 * Throws an InputError (exit 2) when the URL itself cannot be fetched.
 */
export async function localCopy(
  target: string,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<LocalCopy> {
  if (!isUrl(target)) return noCopy(target);
  const root = new URL(target);
  if (root.pathname.endsWith('/'))
    throw new InputError(
      `${target} is a folder URL, which HTTP cannot list: give the URL of the root file (e.g. .../openapi.yaml)`,
    );
  const folder = mkdtempSync(join(tmpdir(), 'eb-spec-remote-'));
  const base = join(folder, root.host.replace(/[^\w.-]/g, '_'));
  const localOf = (url: URL) => join(base, ...decodeURIComponent(url.pathname).split('/'));
  const fetched = new Map<string, string>();
  const problems: string[] = [];
  // Missing files are asked for too (kind URIs may name absent files): bound the asking as well.
  let attempts = 0;
  const close = () => rmSync(folder, { recursive: true, force: true });

  const copy = async (url: URL): Promise<string | undefined> => {
    const path = localOf(url);
    if (fetched.has(url.href) || relative(base, path).startsWith('..')) return undefined;
    if (fetched.size >= limits.maxFiles || attempts >= limits.maxFiles * 4) {
      problems.push(`stopped after ${limits.maxFiles} files; ${url.href} was not fetched`);
      return undefined;
    }
    attempts++;
    const text = await fetchText(url, limits);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    fetched.set(url.href, path);
    return text;
  };
  const follow = async (start: URL, text: string): Promise<void> => {
    const queue: [URL, string][] = [[start, text]];
    while (queue.length > 0) {
      const [from, body] = queue.shift() as [URL, string];
      // Prose has no references to follow; anything else may be YAML or JSON, named or not.
      if (/\.(tex|md|markdown|txt)$/i.test(from.pathname)) continue;
      for (const ref of referencesIn(body)) {
        const filePart = ref.split('#')[0] ?? '';
        if (filePart === '' || /^[a-z][a-z0-9+.-]*:/i.test(filePart)) continue;
        const next = new URL(filePart, from);
        next.hash = '';
        if (next.origin !== root.origin || fetched.has(next.href)) continue;
        try {
          const nextText = await copy(next);
          if (nextText !== undefined) queue.push([next, nextText]);
        } catch (error) {
          if (!(error as FetchError).notFound) problems.push((error as Error).message);
        }
      }
    }
  };

  try {
    const text = await copy(root);
    await follow(root, text ?? '');
  } catch (error) {
    close();
    throw error instanceof FetchError ? new InputError(error.message) : error;
  }
  return {
    path: localOf(root),
    fetched,
    problems,
    async fetchMore(localPaths) {
      const arrived: string[] = [];
      for (const path of localPaths) {
        const inside = relative(base, path);
        if (inside.startsWith('..')) continue;
        const url = new URL(inside.split(sep).map(encodeURIComponent).join('/'), `${root.origin}/`);
        try {
          const text = await copy(url);
          if (text === undefined) continue;
          arrived.push(path);
          await follow(url, text);
        } catch (error) {
          if (!(error as FetchError).notFound) problems.push((error as Error).message);
        }
      }
      return arrived;
    },
    close,
  };
}
