// Helpers that turn evidence into text a person can read: the exchanges behind a finding,
// written the way an HTTP request and response look on the wire.

import type {
  CaseResult,
  Evidence,
  Exchange,
  RequirementResult,
  RunResult,
} from '../contract/result.ts';
import { isBad } from '../contract/index.ts';

/** Bodies past this size are cut in human-facing reports; report.json keeps what was recorded. */
export const BODY_PREVIEW_CHARS = 4000;

export function exchangeIndex(result: RunResult): Map<string, Exchange> {
  return new Map(result.exchanges.map((exchange) => [exchange.id, exchange]));
}

/** The cases that explain a bad verdict; all cases when the requirement did not go wrong. */
export function failingCases(req: RequirementResult): CaseResult[] {
  const bad = req.cases.filter((c) => isBad(c.verdict));
  return bad.length > 0 ? bad : req.cases;
}

/**
 * The "seed N, path P" note for a piece of evidence, or undefined when there is no seed or the
 * suite's own message already says it (model-based checks do), so no writer prints it twice.
 */
export function seedNote(evidence: Evidence): { seed: number; path?: string } | undefined {
  if (evidence.seed === undefined || evidence.message.includes(`seed ${evidence.seed}`))
    return undefined;
  return evidence.path === undefined
    ? { seed: evidence.seed }
    : { seed: evidence.seed, path: evidence.path };
}

/** Exchange ids named by a requirement's (failing) evidence, first mention first, no repeats. */
export function evidenceExchangeIds(cases: readonly CaseResult[]): string[] {
  const ids = new Set<string>();
  for (const c of cases) for (const e of c.evidence) for (const id of e.exchangeIds) ids.add(id);
  return [...ids];
}

/** JSON bodies are re-indented for reading; anything else is shown as sent. */
function readable(body: string): string {
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function preview(raw: string | undefined, limit: number): string {
  if (raw === undefined || raw === '') return '';
  const body = readable(raw);
  return body.length > limit
    ? `${body.slice(0, limit)}\n... (${body.length - limit} more characters)`
    : body;
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

export function formatRequest(exchange: Exchange, limit = BODY_PREVIEW_CHARS): string {
  const { method, url, headers, body } = exchange.request;
  const text = preview(body, limit);
  return [`${method} ${url}`, ...headerLines(headers), ...(text === '' ? [] : ['', text])].join(
    '\n',
  );
}

export function formatResponse(exchange: Exchange, limit = BODY_PREVIEW_CHARS): string {
  const response = exchange.response;
  if (response === undefined)
    return `(no response: ${exchange.error ?? 'unknown transport error'})`;
  const text = preview(response.body, limit);
  const cut = response.truncated === true ? ['(body truncated by the recorder)'] : [];
  return [
    `HTTP ${response.status}`,
    ...headerLines(response.headers),
    ...(text === '' ? [] : ['', text]),
    ...cut,
  ].join('\n');
}

export function formatExchange(exchange: Exchange, limit = BODY_PREVIEW_CHARS): string {
  return `${formatRequest(exchange, limit)}\n\n${formatResponse(exchange, limit)}`;
}

/** JSON for counterexamples, which may hold anything a generator produced (even cycles). */
export function formatCounterexample(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
