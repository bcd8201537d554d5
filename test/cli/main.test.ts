import { describe, expect, it, vi } from 'vitest';
import { main, usage } from '../../cli/main.ts';

describe('eb-conform dispatcher', () => {
  it('lists every sub-command in its usage text', () => {
    for (const name of ['run', 'mock', 'check', 'replay', 'report', 'spec']) {
      expect(usage()).toContain(`  ${name} `);
    }
  });

  it('exits 2 on an unknown command and names it', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['frobnicate'])).toBe(2);
    expect(error.mock.calls[0]?.[0]).toContain('unknown command "frobnicate"');
    error.mockRestore();
  });
});
