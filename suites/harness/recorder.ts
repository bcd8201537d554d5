// The worker side of the evidence trail. Each vitest worker appends NDJSON lines to files of
// its own under EB_RUN_DIR (one writer per file, so no locking), and the runner merges them
// once vitest is done. Appends are synchronous on purpose: a worker that crashes or is killed
// mid-test still leaves everything it recorded up to that point.

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Evidence, Exchange, Verdict } from '../../contract/result.ts';
import { targetContext } from './context.ts';

export type Stream = 'exchanges' | 'cases' | 'ambient' | 'timeline';

/** One finished test, as the runner reads it from cases/*.ndjson. */
export interface CaseRecord {
  requirement: string;
  file: string;
  name: string;
  verdict: Verdict;
  evidence: Evidence[];
  durationMs: number;
  /** Generated cases this test ran (property runs), for the progress line and the speed bench. */
  generated?: number;
}

/** One ambient check of one exchange (ambient/*.ndjson). */
export interface AmbientRecord {
  requirement: string;
  exchangeId: string;
  ok: boolean;
  message?: string;
  pointer?: string;
}

/** A snapshot of an offer or session seen in an answer (timeline/*.ndjson). */
export interface SightingRecord {
  session: string;
  offerset?: string;
  phase: string;
  at: string;
  requestedWindows?: { start: string; end: string }[];
  slot?: { start: string; end: string };
}

export const WORKER_ID = `w${process.pid}${threadId === 0 ? '' : `t${threadId}`}`;

let sequence = 0;
const made = new Set<string>();

/** Exchange ids are unique within a run: the worker id keeps workers apart. */
export function nextExchangeId(): string {
  sequence += 1;
  return `${WORKER_ID}-x${sequence}`;
}

function runDir(): string | undefined {
  try {
    return targetContext().runDir;
  } catch {
    // No target at all (a unit test of a helper): nothing to record for.
    return undefined;
  }
}

export function record(stream: Stream, entry: unknown): void {
  const dir = runDir();
  if (dir === undefined) return;
  const folder = join(dir, stream);
  if (!made.has(folder)) {
    mkdirSync(folder, { recursive: true });
    made.add(folder);
  }
  appendFileSync(join(folder, `${WORKER_ID}.ndjson`), `${JSON.stringify(entry)}\n`);
}

export function recordExchange(exchange: Exchange): void {
  record('exchanges', exchange);
}
