// Runs the toolkit's own commands in a child process, as a user would, so the proof tests do
// not nest a vitest run inside this one. Always bounded by a timeout.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResult, Verdict } from '../../contract/result.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(
  args: string[],
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: ROOT,
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, CI: '1', ...env },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface Reported extends Finished {
  report: RunResult;
  verdict(id: string): Verdict | undefined;
  /** The exit code and the first evidence of every requirement that did not pass: for messages. */
  said: string;
}

/** `eb-conform run ... --report-dir DIR`, then its report.json read back. */
export async function runReported(
  args: string[],
  reportDir: string,
  timeoutMs: number,
): Promise<Reported> {
  const finished = await runNode(
    ['bin/eb-conform.js', 'run', ...args, '--report-dir', reportDir, '--progress', 'none'],
    timeoutMs,
  );
  const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunResult;
  const bad = report.requirements
    .filter((r) => r.verdict !== 'PASS' && r.verdict !== 'NOT_APPLICABLE')
    .map(
      (r) =>
        `${r.verdict} ${r.id}: ${r.cases.find((c) => c.verdict === r.verdict)?.evidence[0]?.message ?? ''}`,
    )
    .join('\n');
  return {
    ...finished,
    report,
    verdict: (id) => report.requirements.find((r) => r.id === id)?.verdict,
    said: `exit ${finished.code}\n${bad}`,
  };
}
