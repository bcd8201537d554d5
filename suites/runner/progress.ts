// Live progress of a run. On a terminal one line is redrawn (class, requirement, tests done,
// generated cases); in CI or when output is not a TTY, one plain line per finished test, so
// logs stay readable. Writes to stderr: stdout is left for the final verdict line.

import type { Reporter, TestCase, TestSpecification } from 'vitest/node';

export type ProgressMode = 'tty' | 'plain' | 'none';

export function defaultProgressMode(stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  const ci = process.env.CI;
  if (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') return 'plain';
  return stream.isTTY ? 'tty' : 'plain';
}

function classOf(requirement: string | undefined): string {
  return requirement?.split('/')[2] ?? '?';
}

export class ProgressReporter implements Reporter {
  private done = 0;
  private filesDone = 0;
  private generated = 0;
  private readonly started = Date.now();

  /** `totalFiles`: every file of the run, over all its phases (0 when unknown). */
  constructor(
    private readonly mode: ProgressMode,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly totalFiles = 0,
  ) {}

  /** A line about what the run is doing besides running files (the shared observations). */
  note(text: string): void {
    if (this.mode === 'none') return;
    if (this.mode === 'tty') this.out.write('\r\x1b[2K');
    this.out.write(`eb-conform: ${text}\n`);
  }

  // The runner may run several phases (vitest runs) through one reporter: counts accumulate
  // and the totals line is written once, by summary().
  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    if (this.mode === 'none') return;
    this.out.write(`eb-conform: running ${specifications.length} test files\n`);
  }

  onTestCaseResult(test: TestCase): void {
    this.done += 1;
    const meta = test.meta();
    this.generated += meta.ebGenerated ?? 0;
    const requirement =
      meta.ebRequirement ??
      (test.parent.type === 'suite' ? test.parent.name : test.module.moduleId);
    const verdict = meta.ebVerdict ?? test.result().state.toUpperCase();
    if (this.mode === 'plain') {
      this.out.write(`${verdict.padEnd(14)} ${requirement}  ${test.name}\n`);
    } else if (this.mode === 'tty') {
      const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
      const files = `files ${this.filesDone}${this.totalFiles > 0 ? `/${this.totalFiles}` : ''}`;
      const line = `[${classOf(requirement)}] ${requirement}  ${files}  tests ${this.done}  cases ${this.generated}  ${seconds}s`;
      // A pseudo-terminal may report 0 columns; then assume a common width.
      const columns = this.out.columns ?? 0;
      const width = columns > 20 ? columns : 100;
      this.out.write(`\r\x1b[2K${line.slice(0, Math.max(20, width - 1))}`);
    }
  }

  onTestModuleEnd(): void {
    this.filesDone += 1;
  }

  onTestRunEnd(): void {
    if (this.mode === 'tty') this.out.write('\r\x1b[2K');
  }

  summary(): void {
    if (this.mode !== 'none') {
      this.out.write(
        `eb-conform: ${this.done} tests, ${this.generated} generated cases in ${((Date.now() - this.started) / 1000).toFixed(1)}s\n`,
      );
    }
  }
}
