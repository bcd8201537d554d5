// Records a history while a test talks to a broker, and writes it where the runner collects it
// (EB_RUN_DIR/history/<name>.ndjson). The recorder only notes what happened; what counts as a
// violation is decided afterwards by the checkers, on the written history, exactly as
// `eb-conform check` would.

import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventType, HistoryEvent, Op } from './events.ts';
import { serialiseHistory } from './events.ts';

export type Completion = { type: Exclude<EventType, 'invoke'>; value: unknown };

export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];

  /** `now` gives client time in epoch milliseconds; tests may pass a fake one. */
  constructor(private readonly now: () => number = Date.now) {}

  invoke(process: string | number, op: Op, value: unknown): (completion: Completion) => void {
    this.events.push({ process, type: 'invoke', op, value, time: this.now() });
    let done = false;
    return ({ type, value: result }) => {
      if (done) return;
      done = true;
      this.events.push({ process, type, op, value: result, time: this.now() });
    };
  }

  /**
   * Runs one operation as `process`: records the invoke, then the completion `judge` derives
   * from the answer. A thrown error (timeout, refused connection) is recorded as `unknown`,
   * since the broker may or may not have acted on the request, and is re-thrown.
   */
  async run<T>(
    process: string | number,
    op: Op,
    value: unknown,
    action: () => Promise<T>,
    judge: (answer: T) => Completion,
  ): Promise<T> {
    const complete = this.invoke(process, op, value);
    try {
      const answer = await action();
      complete(judge(answer));
      return answer;
    } catch (error) {
      complete({ type: 'unknown', value: { error: String(error) } });
      throw error;
    }
  }

  /** A standalone fact, e.g. the declared capacity or the broker's clock reading. */
  note(op: Op, value: unknown): void {
    this.events.push({ process: 'harness', type: 'ok', op, value, time: this.now() });
  }

  /** Writes the history to `<dir>/history/<name>.ndjson`; returns the file path. */
  async write(dir: string, name: string): Promise<string> {
    const folder = join(dir, 'history');
    await mkdir(folder, { recursive: true });
    const file = join(folder, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.ndjson`);
    await writeFile(file, serialiseHistory(this.events));
    return file;
  }
}

/**
 * Writes events to an NDJSON file line by line (a long history is never one string). Events
 * with no known time (a transcript without Date headers) cannot be written as history events
 * and are left out; returns how many were written.
 */
export async function writeEvents(file: string, events: Iterable<HistoryEvent>): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  for (const event of events) {
    if (!Number.isFinite(event.time)) continue;
    written += 1;
    if (!out.write(`${JSON.stringify(event)}\n`))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return written;
}
