// `eb-conform spec validate`: exit 0 valid, 1 invalid, 2 usage; pointed errors in text or JSON.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  detectDocumentType,
  getProfile,
  validateCommand,
  type CommandIo,
} from '../../spec/index.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/documents/', import.meta.url));

async function run(
  argv: string[],
  files: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    ...(Object.keys(files).length > 0
      ? {
          readFile: (path: string) => {
            const text = files[path];
            if (text === undefined) throw new Error(`ENOENT: ${path}`);
            return text;
          },
        }
      : {}),
  };
  const code = await validateCommand(argv, io);
  return { code, out, err };
}

describe('spec validate', () => {
  it('exits 0 and says valid for a valid document, guessing its type', async () => {
    const result = await run([`${FIXTURES}offersets/valid-yes.yaml`]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/valid-yes\.yaml: valid OfferSetResponse \(profile v1\.0\.7\)/);
  });

  it('says so when nothing in the document tells its type, instead of a bare "valid"', async () => {
    const vague = await run(['doc.json'], { 'doc.json': '{"colour": "blue"}' });
    expect(vague.code).toBe(0);
    expect(vague.out).toContain('valid ExecutionRequest (profile v1.0.7) [nothing in the document');
    const json = await run(['doc.json', '--format', 'json'], { 'doc.json': '{"compute": {}}' });
    expect(JSON.parse(json.out)).toMatchObject({ type: 'ExecutionRequest', typeFrom: 'document' });
    const named = await run(['doc.json', '--format', 'json', '--type', 'ExecutionRequest'], {
      'doc.json': '{}',
    });
    expect(JSON.parse(named.out).typeFrom).toBe('option');
  });

  it('exits 1 and prints each issue with its pointer', async () => {
    const result = await run([`${FIXTURES}requests/invalid-cores-string.yaml`]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('invalid ExecutionRequest (profile v1.0.7), 1 issue(s)');
    expect(result.out).toContain('  /compute/cores/min: must be an integer (got "two")');
  });

  it('writes JSON with --format json', async () => {
    const result = await run(['--format', 'json', '--type=Update', 'u.json'], {
      'u.json': '{"kind":"uri:enum-value-update","path":"phase","value":3}',
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as {
      valid: boolean;
      type: string;
      issues: { pointer: string }[];
    };
    expect(report.valid).toBe(false);
    expect(report.type).toBe('Update');
    expect(report.issues.map((i) => i.pointer)).toEqual(['/value']);
  });

  it('validates in another profile with --profile', async () => {
    const file = `${FIXTURES}requests/valid-v105-docker.yaml`;
    expect((await run([file, '--profile', 'v1.0.5'])).code).toBe(0);
    const under107 = await run([file]);
    expect(under107.code).toBe(1);
    expect(under107.out).toContain('/executable/kind: unknown kind');
  });

  it('exits 1 for a document that is neither JSON nor YAML', async () => {
    const result = await run(['bad.yaml'], { 'bad.yaml': 'a: [unclosed\n  b: {' });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/\(document\): is not JSON or YAML/);
  });

  it('survives hostile documents: alias bombs and absurd nesting are reported, not run', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
    ];
    bomb.push(`c: [${new Array(200).fill('*b').join(', ')}]`);
    const exploded = await run(['bomb.yaml'], { 'bomb.yaml': bomb.join('\n') });
    expect(exploded.code).toBe(1);
    expect(exploded.out).toContain('is not JSON or YAML');
    const deep = await run(['deep.json'], {
      'deep.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    });
    expect(deep.code).toBe(1);
  });

  it('exits 2 on usage errors, with the usage text', async () => {
    for (const argv of [
      [],
      ['a', 'b'],
      ['x', '--format', 'xml'],
      ['x', '--profile', 'v2'],
      ['x', '--bogus'],
      ['x', '--type'],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain('usage: eb-conform spec validate');
    }
    const missing = await run(['/no/such/file.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read /no/such/file.yaml');
    const unknownType = await run(['--type', 'Nope', 'd.json'], { 'd.json': '{}' });
    expect(unknownType.code).toBe(2);
    expect(unknownType.err).toContain('unknown document type "Nope"');
  });

  it('validates against another spec with --spec, and exits 2 when it cannot be loaded', async () => {
    const file = `${FIXTURES}updates/invalid-value-number.yaml`;
    const spec = fileURLToPath(new URL('../../spec/execution-broker.yaml', import.meta.url));
    const own = await run([file, '--spec', spec]);
    expect(own.code).toBe(1);
    expect(own.out).toContain('/value: must be a string (got 3)');
    const missing = await run([file, '--spec', '/no/such/spec.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot load --spec /no/such/spec.yaml');
  });

  it('prints usage and exits 0 for --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('exit 0 valid, 1 invalid, 2 usage error');
  });
});

describe('detectDocumentType', () => {
  const v7 = getProfile('v1.0.7');
  it('recognises each document by its shape', () => {
    expect(detectDocumentType({ error: { code: 'x' } }, v7)).toBe('ErrorResponse');
    expect(detectDocumentType({ result: 'NO' }, v7)).toBe('OfferSetResponse');
    expect(detectDocumentType({ phase: 'OFFERED' }, v7)).toBe('ExecutionSession');
    expect(detectDocumentType({ path: 'phase', value: 'ACCEPTED' }, v7)).toBe('Update');
    expect(detectDocumentType({ level: 'WARN' }, v7)).toBe('MessageItem');
    expect(detectDocumentType({ kind: 'uri:enum-value-option' }, v7)).toBe('Option');
    expect(
      detectDocumentType(
        { kind: 'https://www.purl.org/ivoa.net/EB/schema/v1.0/types/data/S3-data-resource-1.0' },
        v7,
      ),
    ).toBe('DataResource');
    expect(detectDocumentType({ update: {} }, getProfile('wd-2025'))).toBe('Update');
    expect(detectDocumentType({ executable: {} }, v7)).toBe('ExecutionRequest');
    expect(detectDocumentType('text', v7)).toBe('ExecutionRequest');
  });
});
