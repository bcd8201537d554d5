// The request log: one line per request, pretty for a person, JSON for tools, nothing for none.
import { describe, expect, it } from 'vitest';
import { defaultLogMode, formatEntry, pathOnly, requestLog } from '../../mock/http/log.ts';

const ENTRY = {
  method: 'POST',
  path: '/requests',
  status: 303,
  ms: 1.234,
  time: Date.UTC(2030, 0, 1, 12, 0, 1, 5),
};

describe('request log lines', () => {
  it('are pretty on a terminal and JSON elsewhere by default', () => {
    expect(defaultLogMode(true)).toBe('pretty');
    expect(defaultLogMode(false)).toBe('json');
  });

  it('give method, path, status and milliseconds', () => {
    expect(formatEntry(ENTRY, 'pretty')).toBe('12:00:01.005 POST   /requests 303 1.2 ms');
    expect(JSON.parse(formatEntry(ENTRY, 'json'))).toEqual({
      time: '2030-01-01T12:00:01.005Z',
      method: 'POST',
      path: '/requests',
      status: 303,
      ms: 1.2,
    });
  });

  it('leave out the query, and write nothing for none', () => {
    expect(pathOnly('/sessions/x?token=secret')).toBe('/sessions/x');
    const written: string[] = [];
    expect(requestLog('none', (line) => written.push(line))).toBeUndefined();
    requestLog('json', (line) => written.push(line))!(ENTRY);
    expect(written).toHaveLength(1);
    expect(written[0]!.endsWith('\n')).toBe(true);
  });
});
