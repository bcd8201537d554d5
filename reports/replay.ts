// Re-sending a recorded failure. The exchanges behind a requirement's (or one case's) evidence
// are sent again in their recorded order to a target, with the recorded base URL swapped for
// the new one. A new broker hands out new uuids, so each response teaches a mapping from the
// uuids the recording saw to the ones the target now uses, and later requests are rewritten
// with it: a recorded "accept offer A" becomes "accept the offer that stands where A stood".

import { request } from 'undici';
import type { CaseResult, Exchange, RequirementResult, RunResult } from '../contract/result.ts';
import { evidenceExchangeIds, failingCases } from './evidence.ts';
import { REDACTED } from './redact.ts';

export interface ReplaySelection {
  requirement: RequirementResult;
  /** Set when a single case was asked for. */
  case?: CaseResult;
  exchanges: Exchange[];
  /**
   * Ids among `exchanges` that are not evidence themselves but first handed out a uuid the
   * evidence uses (the create before an accept): a fresh broker must see them first.
   */
  setup: string[];
  /** Evidence ids that report.json does not hold (a truncated or edited report). */
  missing: string[];
}

export interface ReplayOptions {
  target: string;
  /** Extra headers (from -H), sent on every request; they replace recorded ones of the same name. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Response bodies past this many bytes are cut, as the recorder does. */
  maxBodyBytes?: number;
}

export interface ReplayStep {
  recorded: Exchange;
  replayed: Exchange;
  /** Same status, or the same kind of transport failure, as recorded. */
  same: boolean;
  /** Recorded header names that were redacted in the report and so not sent. */
  droppedHeaders: string[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Headers the HTTP client computes itself; sending recorded ones would be wrong or refused. */
const HOP_BY_HOP = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
]);

/** Finds a requirement by id, or a case by its id; undefined when neither exists. */
export function selectForReplay(result: RunResult, id: string): ReplaySelection | undefined {
  let requirement = result.requirements.find((req) => req.id === id);
  let chosen: CaseResult | undefined;
  if (requirement === undefined) {
    for (const req of result.requirements) {
      chosen = req.cases.find((c) => c.id === id);
      if (chosen !== undefined) {
        requirement = req;
        break;
      }
    }
  }
  if (requirement === undefined) return undefined;
  const cases = chosen === undefined ? failingCases(requirement) : [chosen];
  const wanted = new Set(evidenceExchangeIds(cases));
  const found = result.exchanges.filter((x) => wanted.has(x.id)).map((x) => x.id);
  const setup = setupFor(result.exchanges, wanted);
  // Recorded order, not mention order: a later request may use a uuid an earlier answer gave.
  const exchanges = result.exchanges.filter((x) => wanted.has(x.id) || setup.has(x.id));
  return {
    requirement,
    ...(chosen === undefined ? {} : { case: chosen }),
    exchanges,
    setup: exchanges.filter((x) => setup.has(x.id)).map((x) => x.id),
    missing: [...wanted].filter((x) => !found.includes(x)),
  };
}

function requestUuids(exchange: Exchange): string[] {
  return uuidsIn(exchange.request.url, exchange.request.body);
}

/**
 * The ids of the earlier exchanges whose answers first gave out a uuid that the wanted ones
 * send (an accept of offer A needs the GET that listed A, which needs the create that made its
 * offerset), followed transitively. Without them a fresh broker answers 404 to everything.
 */
function setupFor(all: readonly Exchange[], wanted: ReadonlySet<string>): Set<string> {
  const introducedBy = new Map<string, number>();
  all.forEach((exchange, index) => {
    const sent = new Set(requestUuids(exchange));
    const answer = exchange.response;
    for (const uuid of uuidsIn(headerValue(answer?.headers ?? {}, 'location'), answer?.body)) {
      if (!sent.has(uuid) && !introducedBy.has(uuid)) introducedBy.set(uuid, index);
    }
  });
  const pending = all.flatMap((exchange, index) => (wanted.has(exchange.id) ? [index] : []));
  const chosen = new Set(pending);
  const setup = new Set<string>();
  for (let index = pending.pop(); index !== undefined; index = pending.pop()) {
    for (const uuid of requestUuids(all[index] as Exchange)) {
      const source = introducedBy.get(uuid);
      if (source === undefined || source >= index || chosen.has(source)) continue;
      chosen.add(source);
      pending.push(source);
      setup.add((all[source] as Exchange).id);
    }
  }
  return setup;
}

/** Ids a user might have meant, for the "not found" message. */
export function similarIds(result: RunResult, id: string, limit = 5): string[] {
  const needle = id.toLowerCase().split('/').filter(Boolean).pop() ?? id.toLowerCase();
  return result.requirements
    .map((req) => req.id)
    .filter((candidate) => candidate.toLowerCase().includes(needle))
    .slice(0, limit);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Moves a recorded URL from the recorded target to the new one; foreign URLs stay as they are. */
export function rebase(url: string, recordedTarget: string, newTarget: string): string {
  const from = trimSlash(recordedTarget);
  const to = trimSlash(newTarget);
  if (url === from || url.startsWith(`${from}/`) || url.startsWith(`${from}?`))
    return to + url.slice(from.length);
  try {
    const recorded = new URL(url);
    if (recorded.origin === new URL(from).origin) {
      const target = new URL(to);
      return `${target.origin}${recorded.pathname}${recorded.search}`;
    }
  } catch {
    // Not a URL we can reason about: send it as recorded.
  }
  return url;
}

function uuidsIn(...texts: (string | undefined)[]): string[] {
  const seen = new Set<string>();
  for (const text of texts)
    for (const match of (text ?? '').matchAll(UUID)) seen.add(match[0].toLowerCase());
  return [...seen];
}

function rewrite(text: string, map: Map<string, string>): string {
  return map.size === 0 ? text : text.replace(UUID, (uuid) => map.get(uuid.toLowerCase()) ?? uuid);
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * Pairs the uuids a recorded response introduced with those the new response introduced, in
 * order of first appearance. Uuids already mapped (the one in the request URL, say) are left
 * out on both sides so the pairing stays aligned.
 */
function learn(recorded: Exchange, replayed: Exchange, map: Map<string, string>): void {
  const known = new Set(map.values());
  const before = uuidsIn(
    headerValue(recorded.response?.headers ?? {}, 'location'),
    recorded.response?.body,
  ).filter((u) => !map.has(u));
  const after = uuidsIn(
    headerValue(replayed.response?.headers ?? {}, 'location'),
    replayed.response?.body,
  ).filter((u) => !known.has(u));
  before.forEach((uuid, i) => {
    const now = after[i];
    if (now !== undefined) map.set(uuid, now);
  });
}

async function send(
  id: string,
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  options: Required<Pick<ReplayOptions, 'timeoutMs' | 'maxBodyBytes'>>,
): Promise<Exchange> {
  const started = Date.now();
  const base = {
    id,
    startedAt: new Date(started).toISOString(),
    request: { method, url, headers, ...(body === undefined ? {} : { body }) },
  };
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await request(url, {
      method: method as 'GET',
      headers,
      body,
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      if (size + chunk.length > options.maxBodyBytes) {
        chunks.push(chunk.subarray(0, options.maxBodyBytes - size));
        truncated = true;
        response.body.destroy();
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined)
        responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return {
      ...base,
      durationMs: Date.now() - started,
      response: {
        status: response.statusCode,
        headers: responseHeaders,
        ...(text === '' ? {} : { body: text }),
        ...(truncated ? { truncated } : {}),
      },
    };
  } catch (error) {
    const reason = signal.aborted
      ? `timeout after ${options.timeoutMs} ms`
      : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    return { ...base, durationMs: Date.now() - started, error: reason };
  }
}

function sameOutcome(recorded: Exchange, replayed: Exchange): boolean {
  if (recorded.response === undefined || replayed.response === undefined) {
    return recorded.response === undefined && replayed.response === undefined;
  }
  return recorded.response.status === replayed.response.status;
}

/** Sends the selected exchanges again, one after the other, and reports each beside its recording. */
export async function replayExchanges(
  result: RunResult,
  exchanges: readonly Exchange[],
  options: ReplayOptions,
): Promise<ReplayStep[]> {
  const settings = {
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
  };
  const extra = options.headers ?? {};
  const extraNames = new Set(Object.keys(extra).map((name) => name.toLowerCase()));
  const uuids = new Map<string, string>();
  const steps: ReplayStep[] = [];
  for (const recorded of exchanges) {
    const dropped: string[] = [];
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(recorded.request.headers)) {
      const lower = name.toLowerCase();
      if (HOP_BY_HOP.has(lower) || extraNames.has(lower)) continue;
      if (value === REDACTED) {
        dropped.push(name);
        continue;
      }
      headers[lower] = rewrite(value, uuids);
    }
    Object.assign(headers, extra);
    const url = rewrite(rebase(recorded.request.url, result.target, options.target), uuids);
    const body =
      recorded.request.body === undefined ? undefined : rewrite(recorded.request.body, uuids);
    const replayed = await send(recorded.id, recorded.request.method, url, headers, body, settings);
    learn(recorded, replayed, uuids);
    steps.push({
      recorded,
      replayed,
      same: sameOutcome(recorded, replayed),
      droppedHeaders: dropped,
    });
  }
  return steps;
}
