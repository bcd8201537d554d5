// What a person sees at the end of a run (and of `check`): every requirement that needs a look
// (FAIL, ERROR, WARN, INCONCLUSIVE), each with one line of reason and the command that replays
// it, then the verdict line. Colour on a terminal, never with NO_COLOR set.

import { join } from 'node:path';
import {
  isExpectedFailure,
  isUnchecked,
  type RunResult,
  type Verdict,
} from '../../contract/index.ts';
import { bySeverity, verdictLine } from '../../reports/gate.ts';
import { replayHint } from '../../reports/replay-hint.ts';

const SHOWN: ReadonlySet<Verdict> = new Set(['FAIL', 'ERROR', 'WARN', 'INCONCLUSIVE']);

const COLOUR: Partial<Record<Verdict, string>> = {
  FAIL: '31', // red
  ERROR: '35', // magenta
  WARN: '33', // yellow
  INCONCLUSIVE: '36', // cyan
};

export interface TerminalOptions {
  colour: boolean;
  /** Path of report.json as the user can reach it, for the replay commands. */
  reportPath: string;
  /** Columns to fit a reason in; 0 for no limit. */
  width?: number;
  /** With `check` and `proxy`, replay makes no sense: there is no run to repeat. */
  replay?: boolean;
  /** Pieces of evidence shown per requirement (default 1); offline, where nothing can be
   * replayed, more of them, each with its pointer and exchanges. */
  evidence?: number;
}

/** Colour is for people at a terminal: not in pipes, CI logs or with NO_COLOR set. */
export function wantsColour(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0')
    return true;
  return stream.isTTY === true;
}

function paint(text: string, code: string | undefined, colour: boolean): string {
  return colour && code !== undefined ? `\x1b[${code}m${text}\x1b[0m` : text;
}

function oneLine(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return width > 0 && flat.length > width ? `${flat.slice(0, Math.max(10, width - 1))}…` : flat;
}

type Requirement = RunResult['requirements'][number];

/** The evidence behind a requirement's verdict, as one line each. */
function reasonsOf(req: Requirement, shown: number): string[] {
  const cases = req.cases.filter((c) => c.verdict === req.verdict);
  const evidence = cases.flatMap((c) => c.evidence);
  if (evidence.length === 0) return [cases[0]?.name ?? 'no detail recorded'];
  const lines = evidence.slice(0, shown).map((item) => {
    if (shown === 1) return item.message;
    const where = item.pointer === undefined || item.pointer === '' ? '' : ` at ${item.pointer}`;
    const cites =
      item.exchangeIds.length === 0 ? '' : ` [${item.exchangeIds.slice(0, 3).join(', ')}]`;
    return `${item.message}${where}${cites}`;
  });
  if (evidence.length > shown) lines.push(`... and ${evidence.length - shown} more`);
  return lines;
}

/** The findings block: one entry per requirement that needs a look, most severe first. */
export function findingLines(result: RunResult, options: TerminalOptions): string[] {
  const width = options.width ?? 0;
  const lines: string[] = [];
  const needing = result.requirements.filter((req) => SHOWN.has(req.verdict)).sort(bySeverity);
  for (const req of needing) {
    const expected = isExpectedFailure(req) ? ' (expected)' : '';
    const gating = req.verdict === 'INCONCLUSIVE' && isUnchecked(req, result.failOn) ? ' !' : '';
    const label = paint(`${req.verdict}${gating}`.padEnd(14), COLOUR[req.verdict], options.colour);
    const head = `${label} ${req.level.padEnd(10)} ${req.id}${expected}`;
    lines.push(head);
    const reasons = reasonsOf(req, options.evidence ?? 1);
    if (expected !== '') reasons[0] = `${req.expected?.reason ?? ''}: ${reasons[0] ?? ''}`;
    for (const reason of reasons)
      lines.push(`               ${oneLine(reason, width > 0 ? width - 15 : 0)}`);
    if (options.replay !== false && req.verdict !== 'INCONCLUSIVE')
      lines.push(`               npx ${replayHint(result, req.id, options.reportPath)}`);
  }
  if (needing.some((req) => req.verdict === 'INCONCLUSIVE' && isUnchecked(req, result.failOn)))
    lines.push(
      '',
      `! could not be checked, and the gate needs it: the run is INCOMPLETE (exit 4) unless every one is checked` +
        (result.allowIncomplete === true ? ' (--allow-incomplete: exit 0)' : ''),
    );
  return lines;
}

/** The block a run ends with: findings (unless quiet), then the verdict line. */
export function summaryLines(
  result: RunResult,
  options: TerminalOptions & { quiet?: boolean },
): string[] {
  const outcome = result.outcome;
  const code = outcome === 'conformant' ? '32' : outcome === 'incomplete' ? '36' : '31';
  const verdict = paint(verdictLine(result), code, options.colour);
  if (options.quiet === true) return [verdict];
  const findings = findingLines(result, options);
  return [...findings, ...(findings.length > 0 ? [''] : []), verdict];
}

/**
 * How `check` and `proxy` end: the findings of what was recorded (no run to replay, so more
 * evidence per finding instead), the verdict line and where the report is.
 */
export function trafficSummary(result: RunResult, reportDir: string): string[] {
  return [
    ...summaryLines(result, {
      colour: wantsColour(process.stdout, process.env),
      reportPath: join(reportDir, 'report.json'),
      replay: false,
      evidence: 3,
    }),
    `report: ${reportDir}`,
  ];
}
