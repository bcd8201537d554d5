import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFolder } from '../../suites/traffic/folder.ts';
import type { InputProblem } from '../../suites/traffic/types.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eb-folder-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const offerset = (uuid: string, created: string) =>
  JSON.stringify({
    meta: { uuid, created },
    result: 'YES',
    offers: [{ meta: { uuid: `${uuid}-o`, created }, phase: 'OFFERED' }],
  });
const session = (uuid: string, created: string, phase: string) =>
  `meta:\n  uuid: ${uuid}\n  created: "${created}"\nphase: ${phase}\n`;

describe('a folder of documents', () => {
  it('pairs each request with the response after it, in file name order, across sub-folders', async () => {
    const root = join(dir, 'talk');
    await mkdir(join(root, '001'), { recursive: true });
    await mkdir(join(root, '002'), { recursive: true });
    await writeFile(join(root, '001', '01-request.yaml'), 'compute:\n  cores: {min: 1}\n');
    await writeFile(join(root, '001', '02-response.json'), offerset('s1', '2030-01-01T00:00:00Z'));
    await writeFile(
      join(root, '001', '03-session.yaml'),
      session('s1-o', '2030-01-01T00:00:01Z', 'OFFERED'),
    );
    await writeFile(
      join(root, '001', '04-accept.json'),
      '{"kind":"uri:enum-value-update","path":"phase","value":"ACCEPTED"}',
    );
    await writeFile(
      join(root, '001', '05-answer.yaml'),
      session('s1-o', '2030-01-01T00:00:01Z', 'ACCEPTED'),
    );
    await writeFile(join(root, '001', 'notes.txt'), 'not a document');
    await writeFile(join(root, '002', '01-request.yaml'), 'executable: {kind: x}\n');
    await writeFile(
      join(root, '002', '02-response.yaml'),
      'timestamp: x\nstatus: 400\nerror: Bad Request\n',
    );
    await writeFile(join(root, '002', '03-request.yaml'), 'executable: {kind: x}\n');
    await writeFile(join(root, '002', '04-response.json'), offerset('s2', '2030-01-01T00:10:00Z'));
    const items = await readFolder(root, { prefix: 'f:' });
    expect(items.map((item) => [item.request?.file ?? '-', item.response?.file ?? '-'])).toEqual([
      ['001/01-request.yaml', '001/02-response.json'],
      ['-', '001/03-session.yaml'],
      ['001/04-accept.json', '001/05-answer.yaml'],
      ['002/01-request.yaml', '002/02-response.yaml'],
      ['002/03-request.yaml', '002/04-response.json'],
    ]);
    expect(items.map((item) => item.response?.kind)).toEqual([
      'OfferSetResponse',
      'ExecutionSession',
      'ExecutionSession',
      'foreign',
      'OfferSetResponse',
    ]);
    // Lower bounds from the latest meta.created so far; upper bounds from the next offer set made.
    const t = (text: string) => Date.parse(text);
    expect(items[2]?.seen).toEqual({
      from: t('2030-01-01T00:00:01Z'),
      to: t('2030-01-01T00:10:00Z'),
    });
    // Nothing after the last offer set bounds it from above.
    expect(items[4]?.seen).toEqual({ from: t('2030-01-01T00:10:00Z'), to: Infinity });
    expect(items.every((item) => item.timeSource === 'meta-created')).toBe(true);
  });

  it('uses the file name where the shape says nothing, and reports what it cannot read', async () => {
    const root = join(dir, 'odd');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'a-request.json'), '{"something":"else"}');
    await writeFile(join(root, 'b-response.json'), '{ not json');
    await writeFile(join(root, 'c-response.yaml'), Buffer.alloc(5 * 1024 * 1024, 0x61));
    const problems: InputProblem[] = [];
    const items = await readFolder(root, { prefix: 'o:', onProblem: (p) => problems.push(p) });
    expect(items).toHaveLength(1);
    expect(items[0]?.request?.file).toBe('a-request.json');
    expect(items[0]?.response?.kind).toBe('unparseable');
    expect(problems.map((p) => p.source)).toEqual(['c-response.yaml']);
    expect(items[0]?.seen).toBeUndefined();
  });
});
