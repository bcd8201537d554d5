// What the load benches share: a client loop sending creates as fast as the broker answers,
// and the resident memory of a child process (from /proc; undefined off Linux).
import { readFileSync } from 'node:fs';
import type { Pool } from 'undici';

const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/** Answers counted by status, and requests that got none. */
export interface Tally {
  answers: number;
  errors: number;
  statuses: Map<number, number>;
}

export function newTally(): Tally {
  return { answers: 0, errors: 0, statuses: new Map() };
}

/**
 * Sends `body` to POST /requests until `deadline`, reading each answer whole, into the tally
 * `current()` gives (a bench may swap in a fresh one between samples).
 */
export async function sendCreates(
  pool: Pool,
  body: string,
  deadline: number,
  current: () => Tally,
): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const answer = await pool.request({
        path: '/requests',
        method: 'POST',
        headers: HEADERS,
        body,
      });
      await answer.body.text();
      const tally = current();
      tally.answers++;
      tally.statuses.set(answer.statusCode, (tally.statuses.get(answer.statusCode) ?? 0) + 1);
    } catch {
      current().errors++;
    }
  }
}

export function residentMiB(pid: number | undefined): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line === undefined ? undefined : Number(line.split(/\s+/)[1]) / 1024;
  } catch {
    return undefined;
  }
}
