// Our own history.ndjson, read line by line from a stream so a long run's history is never
// held as one string. A line that is not an event is reported with its number and skipped.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { toEvent } from '../history/events.ts';
import type { EventItem, InputProblem } from './types.ts';

export async function* readHistoryFile(
  file: string,
  options: { prefix: string; onProblem?: (problem: InputProblem) => void },
): AsyncGenerator<EventItem> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const raw of lines) {
      number += 1;
      const line = raw.trim();
      if (line === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        options.onProblem?.({ source: `${file} line ${number}`, message: 'not a JSON value' });
        continue;
      }
      const event = toEvent(parsed);
      if (typeof event === 'string') {
        options.onProblem?.({ source: `${file} line ${number}`, message: event });
        continue;
      }
      // Processes of different inputs are different clients.
      event.process = `${options.prefix}${event.process}`;
      yield { kind: 'event', event, source: `${file} line ${number}` };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}
