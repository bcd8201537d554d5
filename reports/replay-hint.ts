// The command a reader copies to reproduce one failure. Every writer prints the same one.

import type { RunResult } from '../contract/result.ts';

/** POSIX shell quoting, so ids and paths with odd characters survive a paste. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * A built-in broker is gone when the run ends, so its replay omits --target and lets replay
 * start a fresh one with the same faults; an external target is named explicitly.
 */
export function replayHint(result: RunResult, id: string, reportPath = 'report.json'): string {
  const target = result.builtIn ? '' : ` --target ${shellQuote(result.target)}`;
  return `eb-conform replay ${shellQuote(reportPath)} ${shellQuote(id)}${target}`;
}
