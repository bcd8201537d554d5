// The documented install, done the way a new user does it: pack the project into a release
// tarball, install that into an empty folder, then run the tool from there. It needs the npm
// registry for the dependencies, so it skips, saying so, where the registry cannot be reached.

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../proof/run-cli.ts';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const REGISTRY = process.env.npm_config_registry ?? 'https://registry.npmjs.org/';

async function registryReachable(): Promise<boolean> {
  try {
    const response = await fetch(new URL('ajv', REGISTRY), {
      method: 'HEAD',
      signal: AbortSignal.timeout(8000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

const reachable = await registryReachable();
const version = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.skipIf(!reachable)(
  `installing the release tarball into an empty folder${reachable ? '' : ` (skipped: the npm registry ${REGISTRY} cannot be reached)`}`,
  () => {
    it('packs, installs without Prism, and runs --version and a schema run from there', async () => {
      const packed = await mkdtemp(join(tmpdir(), 'eb-pack-'));
      const user = await mkdtemp(join(tmpdir(), 'eb-user-'));
      dirs.push(packed, user);
      const env = { ...process.env, CI: '1', npm_config_audit: 'false', npm_config_fund: 'false' };
      const { stdout } = await run(NPM, ['pack', '--pack-destination', packed], {
        cwd: ROOT,
        env,
        timeout: 120_000,
      });
      const tarball = join(packed, stdout.trim().split('\n').pop()!);
      expect(tarball).toMatch(new RegExp(`eb-conform-${version.replaceAll('.', '\\.')}\\.tgz$`));

      await run(NPM, ['install', tarball], { cwd: user, env, timeout: 480_000 });
      // Prism is an optional peer: a plain install leaves it out.
      expect(existsSync(join(user, 'node_modules', '@stoplight', 'prism-cli'))).toBe(false);
      expect(await readdir(join(user, 'node_modules', 'eb-conform'))).toContain('contract');

      const shown = await run(NPX, ['eb-conform', '--version'], {
        cwd: user,
        env,
        timeout: 60_000,
      });
      expect(shown.stdout.trim()).toBe(version);

      const schema = await run(
        NPX,
        [
          'eb-conform',
          'run',
          '--classes',
          'schema',
          '--seed',
          '1',
          '--progress',
          'none',
          '--report-dir',
          'out',
        ],
        { cwd: user, env, timeout: 240_000 },
      );
      expect(schema.stdout).toMatch(/^CONFORMANT/m);
      const report = JSON.parse(readFileSync(join(user, 'out', 'report.json'), 'utf8')) as {
        outcome: string;
        requirements: { class: string; verdict: string }[];
      };
      expect(report.outcome).toBe('conformant');
      expect(new Set(report.requirements.map((req) => req.class))).toEqual(new Set(['schema']));
      expect(report.requirements.every((req) => req.verdict === 'PASS')).toBe(true);
    }, 900_000);
  },
);
