import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { reportCommand } from '../../cli/report.ts';
import { fixture } from './fixtures.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function stored(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'eb-report-'));
  dirs.push(dir);
  const file = join(dir, 'report.json');
  await writeFile(file, JSON.stringify(fixture('failing-run')));
  return { dir, file };
}

describe('eb-conform report', () => {
  it.each([
    ['html', /^<!DOCTYPE html>/],
    ['junit', /^<\?xml version="1.0"/],
    ['md', /^## ❌ eb-conform: NOT CONFORMANT/],
  ])('re-renders a stored report as %s into --out', async (format, start) => {
    const { dir, file } = await stored();
    const out = join(dir, `out.${format}`);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await reportCommand([file, '--format', format, '--out', out])).toBe(0);
      expect(log).toHaveBeenCalledWith(out);
    } finally {
      log.mockRestore();
    }
    const text = await readFile(out, 'utf8');
    expect(text).toMatch(start);
    expect(text).toContain('/req/expiry/offer-expires');
  });

  it('writes html beside report.json and prints its path, not the page', async () => {
    const { dir, file } = await stored();
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await reportCommand([file, '--format', 'html'])).toBe(0);
      expect(write).not.toHaveBeenCalled();
      expect(log.mock.calls).toEqual([[join(dir, 'report.html')]]);
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('writes html to stdout when asked with --out -', async () => {
    const { file } = await stored();
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await reportCommand([file, '--format', 'html', '--out', '-'])).toBe(0);
      expect(String(write.mock.calls[0]?.[0])).toMatch(/^<!DOCTYPE html>/);
    } finally {
      write.mockRestore();
    }
  });

  it('writes md to stdout without --out', async () => {
    const { file } = await stored();
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await reportCommand([file, '--format', 'md'])).toBe(0);
      expect(String(write.mock.calls[0]?.[0])).toContain(
        `eb-conform replay ${file} /req/expiry/offer-expires`,
      );
    } finally {
      write.mockRestore();
    }
  });

  it('exits 2 with a clear message on an unknown format, a missing file or a non-report', async () => {
    const { dir, file } = await stored();
    await writeFile(join(dir, 'other.json'), '[1, 2]');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await reportCommand([file, '--format', 'pdf'])).toBe(2);
      expect(await reportCommand([join(dir, 'absent.json')])).toBe(2);
      expect(await reportCommand([join(dir, 'other.json')])).toBe(2);
      expect(await reportCommand([])).toBe(2);
      expect(
        await reportCommand([file, '--format', 'html', '--out', join(dir, 'no', 'x.html')]),
      ).toBe(2);
      const messages = error.mock.calls.map((call) => String(call[0]));
      expect(messages[0]).toContain('unknown format "pdf"');
      expect(messages[1]).toContain('cannot read');
      expect(messages[2]).toContain('is not an eb-conform report');
      expect(messages.at(-1)).toContain('cannot write');
    } finally {
      error.mockRestore();
    }
  });
});
