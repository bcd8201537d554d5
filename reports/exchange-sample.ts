// Which recorded exchanges a report keeps. A run records thousands of exchanges, nearly all of
// them unremarkable; a report that keeps them all is too big to attach to an issue or keep as a
// CI artefact. By default (`--har sample`) report.json and exchanges.har keep every exchange
// cited as evidence, plus a sample: one of each kind of exchange (method, route, status), then
// more spread evenly over the run, within a count and a size budget. `--har full` keeps all.

import type { Exchange, RunResult } from '../contract/result.ts';

export type HarMode = 'sample' | 'full';

export interface SampleLimits {
  /** Most uncited exchanges kept. */
  count: number;
  /** Most characters of JSON the uncited exchanges kept may take together. */
  chars: number;
}

/** Sized so that a passing run's whole report directory stays well under 2 MB. */
export const SAMPLE_LIMITS: SampleLimits = { count: 150, chars: 360_000 };

export interface ExchangeSelection {
  exchanges: Exchange[];
  recorded: number;
  cited: number;
  sampled: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Method, route (uuids and numbers folded) and status: what makes two exchanges alike. */
export function exchangeKind(exchange: Exchange): string {
  let path = exchange.request.url;
  try {
    path = new URL(exchange.request.url).pathname;
  } catch {
    // Not a URL: keep the text as it is; it still groups with its own kind.
  }
  const route = path
    .split('/')
    .map((part) => (UUID.test(part) ? '{uuid}' : /^\d+$/.test(part) ? '{n}' : part))
    .join('/');
  const outcome = exchange.response?.status ?? `no answer`;
  return `${exchange.request.method} ${route} ${outcome}`;
}

export function citedExchangeIds(result: RunResult): Set<string> {
  const ids = new Set<string>();
  for (const req of result.requirements)
    for (const c of req.cases)
      for (const e of c.evidence) for (const id of e.exchangeIds) ids.add(id);
  return ids;
}

/**
 * The exchanges to keep, in their recorded order. Cited exchanges are always kept (the
 * evidence and `replay` need them), whatever their size; the sample never takes one exchange
 * bigger than an eighth of its budget, so one huge body cannot crowd out the rest.
 */
export function selectExchanges(
  result: RunResult,
  mode: HarMode = 'sample',
  limits: SampleLimits = SAMPLE_LIMITS,
): ExchangeSelection {
  const all = result.exchanges;
  const citedIds = citedExchangeIds(result);
  const cited = all.filter((exchange) => citedIds.has(exchange.id)).length;
  if (mode === 'full')
    return { exchanges: [...all], recorded: all.length, cited, sampled: all.length - cited };

  const keep = new Set<number>();
  const sizes = new Map<number, number>();
  let chars = 0;
  const take = (index: number): boolean => {
    if (keep.has(index) || keep.size >= limits.count) return false;
    const size = sizes.get(index) ?? JSON.stringify(all[index]).length;
    sizes.set(index, size);
    if (size > limits.chars / 8 || chars + size > limits.chars) return false;
    keep.add(index);
    chars += size;
    return true;
  };
  const uncited = all.flatMap((exchange, index) => (citedIds.has(exchange.id) ? [] : [index]));
  const seenKinds = new Set<string>();
  for (const index of uncited) {
    const kind = exchangeKind(all[index]!);
    // A kind whose first exchange is too big is tried again with its next one.
    if (!seenKinds.has(kind) && take(index)) seenKinds.add(kind);
  }
  // Then spread evenly: the middle of the run, then its quarters, eighths... until full.
  for (let parts = 2; keep.size < limits.count && parts < 2 * uncited.length; parts *= 2) {
    for (let i = 1; i < parts; i += 2) take(uncited[Math.floor((i * uncited.length) / parts)]!);
  }
  const exchanges = all.filter((exchange, index) => citedIds.has(exchange.id) || keep.has(index));
  return { exchanges, recorded: all.length, cited, sampled: keep.size };
}

/** One sentence for readers of the report: what was kept and how to keep everything. */
export function sampleNote(selection: ExchangeSelection, mode: HarMode): string {
  if (mode === 'full' || selection.exchanges.length === selection.recorded)
    return `All ${selection.recorded} recorded exchanges are kept.`;
  return (
    `Of ${selection.recorded} recorded exchanges, report.json and exchanges.har keep the ` +
    `${selection.cited} cited as evidence and a sample of ${selection.sampled}; run with ` +
    `--har full to keep them all.`
  );
}
