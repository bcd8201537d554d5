// Runs a command function with console.log and console.error captured, for tests that look at
// what a command printed and its exit code without filling the test output.

import { vi } from 'vitest';

export interface Captured<T> {
  value: T;
  out: string;
  err: string;
}

export async function captureConsole<T>(work: () => Promise<T>): Promise<Captured<T>> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const value = await work();
    return {
      value,
      out: log.mock.calls.map((c) => String(c[0])).join('\n'),
      err: error.mock.calls.map((c) => String(c[0])).join('\n'),
    };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
