// One line per request: method, path (never the query, which may carry tokens), status and
// milliseconds. `pretty` is for a person at a terminal, `json` one object per line for tools,
// `none` silent. No header is ever logged, so no credential can reach a log.

export type LogMode = 'pretty' | 'json' | 'none';

export const LOG_MODES: readonly LogMode[] = ['pretty', 'json', 'none'];

export interface LogEntry {
  method: string;
  /** Without the query. */
  path: string;
  status: number;
  ms: number;
  time: number;
}

export type RequestLog = (entry: LogEntry) => void;

/** What the command line picks when --log is not given: pretty on a terminal, else JSON lines. */
export function defaultLogMode(isTty: boolean): LogMode {
  return isTty ? 'pretty' : 'json';
}

/** A request target without its query, which may carry tokens. */
export function pathOnly(target: string): string {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

export function formatEntry(entry: LogEntry, mode: 'pretty' | 'json'): string {
  const { path } = entry;
  const ms = Math.round(entry.ms * 10) / 10;
  if (mode === 'json') {
    return JSON.stringify({
      time: new Date(entry.time).toISOString(),
      method: entry.method,
      path,
      status: entry.status,
      ms,
    });
  }
  const clock = new Date(entry.time).toISOString().slice(11, 23);
  return `${clock} ${entry.method.padEnd(6)} ${path} ${entry.status} ${ms.toFixed(1)} ms`;
}

/** A logger writing to `write` (a stream's write), or undefined for `none`. */
export function requestLog(mode: LogMode, write: (line: string) => void): RequestLog | undefined {
  if (mode === 'none') return undefined;
  return (entry) => write(`${formatEntry(entry, mode)}\n`);
}
