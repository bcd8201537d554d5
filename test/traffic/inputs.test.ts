import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectInput, InputError } from '../../suites/traffic/inputs.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eb-inputs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function kindOf(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return (await detectInput(file)).kind;
}

describe('input detection', () => {
  it('tells HAR files, histories, transcripts, documents and folders apart by content', async () => {
    expect(await kindOf('a.json', '{\n  "log": {"version": "1.2", "entries": []}}')).toBe('har');
    expect(
      await kindOf('b.txt', '{"process":"p1","type":"invoke","op":"read","value":{},"time":1}\n'),
    ).toBe('history');
    expect(await kindOf('c.log', '$ curl -si http://x/y\nHTTP/1.1 200 OK\n\n')).toBe('transcript');
    expect(await kindOf('d.yaml', 'phase: OFFERED\n')).toBe('document');
    expect((await detectInput(dir)).kind).toBe('folder');
  });

  it('refuses what it cannot read, saying why', async () => {
    await expect(detectInput(join(dir, 'missing.har'))).rejects.toThrow(/cannot read .*ENOENT/);
    await expect(kindOf('e.bin', '')).rejects.toThrow(/is empty/);
    await expect(kindOf('f.bin', 'just some words\n')).rejects.toThrow(InputError);
  });
});
