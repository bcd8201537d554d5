import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { specCommand } from '../../cli/spec.ts';
import { DEFECTS, EXAMPLES } from './fixtures.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation(
    (...args: unknown[]) => void out.push(args.join(' ')),
  );
  vi.spyOn(console, 'error').mockImplementation(
    (...args: unknown[]) => void err.push(args.join(' ')),
  );
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}

const scratch = mkdtempSync(join(tmpdir(), 'eb-spec-tools-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('eb-conform spec', () => {
  beforeEach(() => vi.restoreAllMocks());
  afterEach(() => vi.restoreAllMocks());

  it('exits 2 with usage on no tool, an unknown tool, a bad format or a missing argument', async () => {
    const io = capture();
    expect(await specCommand([])).toBe(2);
    expect(await specCommand(['frobnicate'])).toBe(2);
    expect(await specCommand(['lint', `${DEFECTS}clean`, '--format', 'xml'])).toBe(2);
    expect(await specCommand(['lint'])).toBe(2);
    expect(await specCommand(['diff', `${DEFECTS}clean`])).toBe(2);
    expect(await specCommand(['lint', join(scratch, 'absent.yaml')])).toBe(2);
    expect(await specCommand(['lint', `${DEFECTS}clean`, '--rule', 'title-mismach'])).toBe(2);
    expect(io.err()).toContain('unknown rule title-mismach');
    expect(io.err()).toContain('unknown tool "frobnicate"');
    expect(io.err()).toContain('--format must be text or json');
    expect(io.err()).toContain('no such file or folder');
  });

  it('lint exits 0 on the clean spec and 1 on a spec with errors', async () => {
    capture();
    expect(await specCommand(['lint', `${DEFECTS}clean`])).toBe(0);
    expect(await specCommand(['lint', `${DEFECTS}ref-bare-name.yaml`])).toBe(1);
  });

  it('lint exits 0 when only warnings are found', async () => {
    capture();
    expect(await specCommand(['lint', `${DEFECTS}title-mismatch.yaml`])).toBe(0);
  });

  it('lint --format json prints the report as JSON', async () => {
    const io = capture();
    await specCommand(['lint', `${DEFECTS}ref-bare-name.yaml`, '--format', 'json']);
    const report = JSON.parse(io.out());
    expect(report.findings[0]).toMatchObject({
      rule: 'ref-bare-name',
      severity: 'error',
      file: 'ref-bare-name.yaml',
    });
  });

  it('lint --help lists every rule id', async () => {
    const io = capture();
    expect(await specCommand(['lint', '--help'])).toBe(0);
    expect(io.out()).toContain('pattern-js-incompatible');
  });

  it('lint groups by rule, and lists every finding with --verbose', async () => {
    const io = capture();
    expect(await specCommand(['lint', `${DEFECTS}ref-bare-name.yaml`])).toBe(1);
    expect(io.out()).toContain('error [ref-bare-name] $ref "Phase" is a bare name');
    expect(io.out()).toContain('(--verbose lists every finding)');
    const verbose = capture();
    expect(await specCommand(['lint', `${DEFECTS}ref-bare-name.yaml`, '--verbose'])).toBe(1);
    expect(verbose.out()).not.toContain('--verbose lists');
  });

  it('examples --help says what each profile lacks', async () => {
    const io = capture();
    expect(await specCommand(['examples', '--help'])).toBe(0);
    expect(io.out()).toMatch(/v1\.0\.7 .*\(complete\)/);
    expect(io.out()).toMatch(/wd-2025 .*\n +partial, lacks: direct execution/);
  });

  it('examples refuses an unknown profile with exit 2', async () => {
    const io = capture();
    expect(await specCommand(['examples', `${EXAMPLES}notes.md`, '--profile', 'v2'])).toBe(2);
    expect(io.err()).toContain('unknown profile "v2"');
  });

  it('examples exits 1 when an example is invalid and prints JSON on request', async () => {
    const io = capture();
    const code = await specCommand([
      'examples',
      `${EXAMPLES}listing.tex`,
      '--spec',
      `${EXAMPLES}mini-broker.yaml`,
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(io.out()).summary).toMatchObject({ total: 2, invalid: 1 });
  });

  it('diff exits 1 on breaking changes and 0 when there are none', async () => {
    capture();
    expect(await specCommand(['diff', `${DEFECTS}clean`, `${DEFECTS}clean`])).toBe(0);
    expect(
      await specCommand([
        'diff',
        `${DEFECTS}discriminator-mapping-not-subtype.yaml`,
        `${DEFECTS}clean`,
      ]),
    ).toBe(1);
  });
});

describe('hostile input', () => {
  beforeEach(() => vi.restoreAllMocks());
  afterEach(() => vi.restoreAllMocks());

  it('lint reports garbage and binary files as syntax errors instead of crashing', async () => {
    const io = capture();
    writeFileSync(join(scratch, 'garbage.yaml'), 'a: [\n  b: {c\n\t- ]]]');
    writeFileSync(join(scratch, 'binary.json'), Buffer.from([0, 159, 146, 150, 255, 10, 123]));
    expect(await specCommand(['lint', scratch, '--format', 'json'])).toBe(1);
    const report = JSON.parse(io.out());
    expect(report.byRule['yaml-syntax']).toBeGreaterThanOrEqual(2);
    const binary = report.findings.find((f: { file: string }) => f.file === 'binary.json');
    expect(binary?.message).toBe('does not parse: binary content, not a YAML or JSON text');
  });

  it('lint reports one parse error per broken file, with the echoes counted, not listed', async () => {
    const io = capture();
    const deep = join(scratch, 'deep.json');
    writeFileSync(deep, '['.repeat(20_000));
    expect(await specCommand(['lint', deep, '--format', 'json'])).toBe(1);
    const report = JSON.parse(io.out());
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0].message).toMatch(/^does not parse: .*\(and \d+ more parse error/);
  });

  it('lint says an empty or non-OpenAPI file is not a description instead of passing it', async () => {
    const io = capture();
    const empty = join(scratch, 'nothing', 'empty.yaml');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(scratch, 'nothing'));
    writeFileSync(empty, '');
    expect(await specCommand(['lint', empty])).toBe(1);
    expect(io.out()).toContain('error [not-openapi] not an OpenAPI description: the file is empty');
  });

  it('lint survives self-referencing and circular references', async () => {
    capture();
    const file = join(scratch, 'loops', 'loop.yaml');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(scratch, 'loops'), { recursive: true });
    writeFileSync(
      file,
      [
        'openapi: 3.1.0',
        'paths: {}',
        'components:',
        '  schemas:',
        '    A: { title: A, allOf: [{ $ref: "#/components/schemas/B" }], required: [x], examples: [{}] }',
        '    B: { title: B, allOf: [{ $ref: "#/components/schemas/A" }] }',
        '    C: { $ref: "#/components/schemas/C" }',
      ].join('\n'),
    );
    expect(await specCommand(['lint', file])).toBe(1);
  });

  it('examples reports an empty file, and an empty folder clearly', async () => {
    const io = capture();
    writeFileSync(join(scratch, 'empty.md'), '');
    expect(
      await specCommand([
        'examples',
        join(scratch, 'empty.md'),
        '--spec',
        `${EXAMPLES}mini-broker.yaml`,
      ]),
    ).toBe(0);
    expect(io.out()).toContain('0 example(s)');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(scratch, 'no-examples'));
    writeFileSync(join(scratch, 'no-examples', 'notes.txt'), 'prose only');
    expect(
      await specCommand([
        'examples',
        join(scratch, 'no-examples'),
        '--spec',
        `${EXAMPLES}mini-broker.yaml`,
      ]),
    ).toBe(2);
    expect(io.err()).toContain('no .tex, .md, .yaml or .json files in');
  });
});

describe('eb-conform spec validate', () => {
  beforeEach(() => vi.restoreAllMocks());
  afterEach(() => vi.restoreAllMocks());

  it("hands over to spec/'s validateCommand", async () => {
    capture();
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    expect(await specCommand(['validate', '--help'])).toBe(0);
    expect(written.join('')).toContain('usage: eb-conform spec validate');
  });
});
