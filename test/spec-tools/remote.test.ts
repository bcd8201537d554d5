// The spec tools on URLs: a description is fetched with what its relative references reach and
// read exactly as the same files on disk; anything unreachable is a clear error (exit 2), and no
// server can make a fetch hang or grow without bound.
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { specCommand } from '../../cli/spec.ts';
import { diffTargets } from '../../spec-tools/diff.ts';
import { checkExamples } from '../../spec-tools/examples.ts';
import { InputError } from '../../spec-tools/input-error.ts';
import { lintSpec } from '../../spec-tools/lint.ts';
import type { LintReport } from '../../spec-tools/lint.ts';
import { localCopy } from '../../spec-tools/load/remote.ts';
import { DEFECTS, EXAMPLES } from './fixtures.ts';

const served = mkdtempSync(join(tmpdir(), 'eb-remote-served-'));
const requested: string[] = [];
let server: Server;
let base = '';
const held: { end(): void }[] = [];

beforeAll(async () => {
  cpSync(DEFECTS, served, { recursive: true });
  // A key naming a kind file that exists but that no reference reaches (see the test below).
  const unreferenced = join(served, 'unreferenced');
  cpSync(`${DEFECTS}clean-kinds`, unreferenced, { recursive: true });
  const root = join(unreferenced, 'openapi.yaml');
  writeFileSync(
    root,
    readFileSync(root, 'utf8').replace(
      "'./kinds/crate-1.0.yaml#/components/schemas/Crate'",
      "'#/components/schemas/PlainThing'",
    ),
  );
  writeFileSync(
    join(served, 'refs-slow.yaml'),
    "openapi: 3.1.0\ncomponents:\n  schemas:\n    A: { $ref: './slow.yaml#/components/schemas/A' }\n",
  );
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requested.push(path);
    if (path === '/trickle.yaml') {
      response.writeHead(200, { 'content-type': 'application/yaml' });
      response.write('openapi: 3.1.0\n');
      held.push(response); // the body never ends
      return;
    }
    if (path === '/declared-huge.yaml') {
      response.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      response.end();
      return;
    }
    if (path === '/slow.yaml') {
      held.push(response); // never answered: the client's timeout must end it
      return;
    }
    if (path === '/huge.yaml') {
      response.writeHead(200, { 'content-type': 'application/yaml' });
      const line = `# ${'x'.repeat(1000)}\n`;
      let sent = 0;
      const pump = () => {
        while (sent < 5000 && response.write(line)) sent++;
        if (sent < 5000) response.once('drain', pump);
        else response.end();
      };
      pump();
      return;
    }
    const file = join(served, path);
    if (!file.startsWith(served) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end('not found');
      return;
    }
    const type = extname(file) === '.json' ? 'application/json' : 'text/plain';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of held) response.end();
  await new Promise((resolve) => server.close(resolve));
  rmSync(served, { recursive: true, force: true });
});

/** What a finding says, without where the description was read from. */
function findings(report: LintReport) {
  return report.findings.map(({ rule, file, line, message, hint, causedBy }) => ({
    rule,
    file,
    line,
    message,
    hint,
    causedBy,
  }));
}

describe('spec lint on a URL', () => {
  it.each([
    ['clean-kinds/openapi.yaml', 'clean-kinds'],
    ['discriminator-key-unresolved/openapi.yaml', 'discriminator-key-unresolved'],
    ['property-name-drift/openapi.yaml', 'property-name-drift/openapi.yaml'],
    ['ref-bare-name.yaml', 'ref-bare-name.yaml'],
    ['unreferenced/openapi.yaml', 'unreferenced/openapi.yaml'],
  ])('finds over HTTP what it finds on disk: %s', async (url, local) => {
    const remote = await lintSpec(`${base}/${url}`);
    const onDisk = await lintSpec(join(served, local));
    expect(findings(remote)).toEqual(findings(onDisk));
    expect(remote.target).toBe(`${base}/${url}`);
  });

  it('follows relative $refs and mapping values, and fetches the files kind URIs name', async () => {
    requested.length = 0;
    const report = await lintSpec(`${base}/clean-kinds/openapi.yaml`);
    expect(report.files).toEqual(['kinds/box-1.0.yaml', 'kinds/crate-1.0.yaml', 'openapi.yaml']);
    requested.length = 0;
    await lintSpec(`${base}/unreferenced/openapi.yaml`);
    expect(requested).toContain('/unreferenced/kinds/crate-1.0.yaml');
  });

  it('leaves nothing behind in the temporary folder', async () => {
    const copy = await localCopy(`${base}/clean-kinds/openapi.yaml`);
    expect(existsSync(copy.path)).toBe(true);
    copy.close();
    expect(existsSync(copy.path)).toBe(false);
  });
});

describe('spec diff and examples on URLs', () => {
  it('diffs two URLs as it diffs the files', async () => {
    const remote = await diffTargets(
      `${base}/clean/openapi.yaml`,
      `${base}/required-undefined.yaml`,
    );
    expect(remote.old).toBe(`${base}/clean/openapi.yaml`);
    expect(remote.changes).toContainEqual(
      expect.objectContaining({ kind: 'required', detail: 'colour is now required' }),
    );
  });

  it('checks the listings of a document given by URL, naming it by its file name', async () => {
    const report = await checkExamples([`${base}/examples/listing.tex`], {
      spec: `${base}/examples/mini-broker.yaml`,
    });
    expect(report.spec).toBe(`${base}/examples/mini-broker.yaml`);
    expect(report.examples.map((example) => `${example.file}:${example.line}`)).toEqual([
      'listing.tex:4',
      'listing.tex:20',
    ]);
    const local = await checkExamples([`${EXAMPLES}listing.tex`], {
      spec: `${EXAMPLES}mini-broker.yaml`,
    });
    expect(report.examples).toEqual(local.examples);
  });
});

describe('unreachable and hostile URLs', () => {
  const fast = { timeoutMs: 300, maxFileBytes: 64 * 1024, maxFiles: 3 };

  it('says a missing file is missing', async () => {
    await expect(localCopy(`${base}/absent.yaml`)).rejects.toThrow(
      new InputError(`cannot fetch ${base}/absent.yaml: HTTP 404`),
    );
  });

  it('says a closed port refused the connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(localCopy(`http://127.0.0.1:${port}/openapi.yaml`)).rejects.toThrow(
      /cannot fetch http:\/\/127\.0\.0\.1:\d+\/openapi\.yaml: ECONNREFUSED/,
    );
  });

  it('gives up on a server that never answers', async () => {
    await expect(localCopy(`${base}/slow.yaml`, fast)).rejects.toThrow(/no answer within 300 ms/);
  });

  it('gives up on a body that never ends', async () => {
    await expect(localCopy(`${base}/trickle.yaml`, fast)).rejects.toThrow(
      /no complete answer within 300 ms/,
    );
  });

  it('stops reading a body larger than the cap', async () => {
    await expect(localCopy(`${base}/huge.yaml`, fast)).rejects.toThrow(/larger than 65536 bytes/);
  });

  it('refuses a body whose declared length is over the cap without reading it', async () => {
    await expect(localCopy(`${base}/declared-huge.yaml`, fast)).rejects.toThrow(
      /larger than 65536 bytes/,
    );
  });

  it('reads on when a referenced file cannot be fetched, and says why', async () => {
    const copy = await localCopy(`${base}/refs-slow.yaml`, fast);
    try {
      expect(copy.fetched.size).toBe(1);
      expect(copy.problems).toEqual([`cannot fetch ${base}/slow.yaml: no answer within 300 ms`]);
    } finally {
      copy.close();
    }
  });

  it('fetches no more files than the cap, and says so', async () => {
    const copy = await localCopy(`${base}/clean-kinds/openapi.yaml`, { ...fast, maxFiles: 2 });
    try {
      expect(copy.fetched.size).toBe(2);
      expect(copy.problems).toEqual([
        expect.stringMatching(/^stopped after 2 files; .*crate-1\.0\.yaml was not fetched$/),
      ]);
    } finally {
      copy.close();
    }
  });

  it('refuses a folder URL, which HTTP cannot list', async () => {
    await expect(localCopy(`${base}/clean-kinds/`)).rejects.toThrow(/is a folder URL/);
  });
});

describe('eb-conform spec on URLs', () => {
  const out: string[] = [];
  const err: string[] = [];
  beforeEach(() => {
    out.length = 0;
    err.length = 0;
    vi.spyOn(console, 'log').mockImplementation(
      (...args: unknown[]) => void out.push(args.join(' ')),
    );
    vi.spyOn(console, 'error').mockImplementation(
      (...args: unknown[]) => void err.push(args.join(' ')),
    );
  });
  afterEach(() => vi.restoreAllMocks());

  it('keeps the exit codes: 0 clean, 1 problems, 2 unreachable', async () => {
    expect(await specCommand(['lint', `${base}/clean-kinds/openapi.yaml`])).toBe(0);
    expect(await specCommand(['lint', `${base}/ref-bare-name.yaml`])).toBe(1);
    expect(await specCommand(['diff', `${base}/clean/openapi.yaml`, `${base}/absent.yaml`])).toBe(
      2,
    );
    expect(await specCommand(['examples', `${base}/absent.md`])).toBe(2);
    expect(err.join('\n')).toContain(
      `eb-conform spec diff: cannot fetch ${base}/absent.yaml: HTTP 404`,
    );
  });
});
