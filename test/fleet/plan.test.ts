import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  fleetCommand,
  githubMatrix,
  GITHUB_MATRIX_LIMIT,
  kubernetesManifest,
  readFleet,
  shellWord,
} from '../../cli/fleet.ts';
import { captureConsole } from './console.ts';

const sh = promisify(execFile);
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'eb-plan-'));
  dirs.push(dir);
  return dir;
}

async function configFile(text: string): Promise<string> {
  const file = join(await scratch(), 'eb-conform.yaml');
  await writeFile(file, text);
  return file;
}

const THREE = `defaults:
  classes: [matching]
targets:
  - name: alpha
    url: http://127.0.0.1:9001
  - name: bravo.eu
    url: https://\${BRAVO_HOST}/eb
    headers: { Authorization: "Bearer \${BRAVO_TOKEN}" }
  - name: charlie-2
    url: https://robot:hunter2@charlie.example.org/?token=abc
    profile: v1.0.5
`;

async function quietly(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { value, out, err } = await captureConsole(() => fleetCommand(argv));
  return { code: value, out, err };
}

describe('fleet plan --format github', () => {
  it('prints one matrix entry per target, each running that target alone', async () => {
    const file = await configFile(THREE);
    const { code, out, err } = await quietly(['plan', file]);
    expect(code).toBe(0);
    expect(out.split('\n')).toHaveLength(1); // one line, for $GITHUB_OUTPUT
    const matrix = JSON.parse(out) as { include: Record<string, string>[] };
    expect(matrix.include.map((entry) => entry.name)).toEqual(['alpha', 'bravo.eu', 'charlie-2']);
    expect(matrix.include[1]).toEqual({
      name: 'bravo.eu',
      url: 'https://${BRAVO_HOST}/eb',
      config: file,
      reportDir: 'eb-conform-reports/bravo.eu',
      command: `npx eb-conform run --config ${file} --only bravo.eu --report-dir eb-conform-reports/bravo.eu`,
    });
    // The plan never expands secrets, and says which variables it could not check.
    expect(out).not.toContain('Bearer');
    expect(out).not.toContain('hunter2');
    expect(matrix.include[2]?.url).toBe('https://charlie.example.org/?token=%5Bredacted%5D');
    expect(err).toContain('BRAVO_HOST, BRAVO_TOKEN');
  });

  it('refuses a file with real problems, with its line, and one without targets', async () => {
    const bad = await configFile('targets:\n  - name: a\n    url: ftp://x\n');
    const refused = await quietly(['plan', bad]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/eb-conform\.yaml:3: .*url/);
    const none = await quietly(['plan', await configFile('defaults:\n  runs: 5\n')]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('has no targets');
    const missing = await quietly(['plan', join(await scratch(), 'absent.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read');
  });

  it('says so when a fleet is larger than a GitHub matrix can run', async () => {
    const targets = Array.from(
      { length: GITHUB_MATRIX_LIMIT + 1 },
      (_, i) => `  - name: t${i}\n    url: https://t${i}.example/`,
    );
    const file = await configFile(`targets:\n${targets.join('\n')}\n`);
    const fleet = readFleet(file);
    expect(() => githubMatrix(fleet, { reportRoot: 'r', command: 'x' })).toThrow(
      /at most 256 jobs.*--format k8s/,
    );
    const k8s = kubernetesManifest(fleet, {
      reportRoot: '/reports',
      command: 'eb-conform',
      name: 'n',
      image: 'i',
      configMap: 'c',
      claim: 'p',
      parallelism: 4,
    });
    expect(k8s).toContain(`completions: ${GITHUB_MATRIX_LIMIT + 1}`);
  });

  it('rejects unknown sub-commands, formats and options', async () => {
    const file = await configFile(THREE);
    expect((await quietly(['apply', file])).code).toBe(2);
    expect((await quietly(['plan', file, '--format', 'nomad'])).code).toBe(2);
    expect((await quietly(['plan', file, '--frob'])).code).toBe(2);
    expect((await quietly(['plan'])).code).toBe(2);
    expect((await quietly(['plan', file, '--format', 'k8s', '--name', 'Not_OK'])).code).toBe(2);
    expect((await quietly(['plan', file, '--format', 'k8s', '--parallelism', '0'])).code).toBe(2);
    expect((await quietly([])).code).toBe(2);
    expect((await quietly(['--help'])).code).toBe(0);
  });

  it('quotes words for the shell only when they need it', () => {
    expect(shellWord('eb-conform-reports/alpha')).toBe('eb-conform-reports/alpha');
    expect(shellWord("it's here")).toBe(`'it'\\''s here'`);
  });
});

describe('fleet plan --format k8s', () => {
  it('writes a ConfigMap of targets and an Indexed Job with one completion per target', async () => {
    const file = await configFile(THREE);
    const { code, out } = await quietly(['plan', file, '--format', 'k8s', '--image', 'reg/eb:1']);
    expect(code).toBe(0);
    const docs: unknown[] = parseAllDocuments(out).map((doc) => doc.toJS() as unknown);
    const [targets, job] = docs as [
      { kind: string; data: { targets: string } },
      {
        kind: string;
        spec: {
          completionMode: string;
          completions: number;
          parallelism: number;
          template: { spec: { containers: { image: string; command: string[] }[] } };
        };
      },
    ];
    expect(targets.kind).toBe('ConfigMap');
    expect(targets.data.targets).toBe('alpha\nbravo.eu\ncharlie-2\n');
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.completions).toBe(3);
    expect(job.spec.parallelism).toBe(3);
    expect(job.spec.template.spec.containers[0]?.image).toBe('reg/eb:1');
  });

  it('runs the target JOB_COMPLETION_INDEX picks, and fails only a run that broke', async () => {
    const file = await configFile(THREE);
    const { out } = await quietly(['plan', file, '--format', 'k8s', '--command', 'fake-eb']);
    const job = parseAllDocuments(out)[1]?.toJS() as {
      spec: { template: { spec: { containers: { command: string[] }[] } } };
    };
    const script = job.spec.template.spec.containers[0]!.command[2]!;
    // The pod's mounts, made local: /plan/targets and a stand-in for the tool.
    const root = await scratch();
    await mkdir(join(root, 'plan'));
    await writeFile(join(root, 'plan', 'targets'), 'alpha\nbravo.eu\ncharlie-2\n');
    const fake = join(root, 'fake-eb');
    await writeFile(fake, `#!/bin/sh\necho "$@" > "${root}/args"\nexit "$FAKE_EXIT"\n`);
    await chmod(fake, 0o755);
    const local = script.replaceAll('/plan/', `${root}/plan/`).replace('fake-eb', fake);
    const pod = (index: number, exit: number) =>
      sh('/bin/sh', ['-c', local], {
        env: {
          PATH: process.env.PATH,
          JOB_COMPLETION_INDEX: String(index),
          JOB_NAME: 'night-7',
          FAKE_EXIT: String(exit),
        },
      });
    await pod(1, 1);
    expect(await readFile(join(root, 'args'), 'utf8')).toBe(
      'run --config /config/eb-conform.yaml --only bravo.eu --report-dir /reports/night-7/bravo.eu\n',
    );
    await pod(2, 4); // a verdict: the pod succeeds, the report says it
    expect(await readFile(join(root, 'args'), 'utf8')).toContain('--only charlie-2');
    await expect(pod(0, 2)).rejects.toMatchObject({ code: 2 }); // a broken run fails the pod
    await expect(pod(5, 0)).rejects.toMatchObject({ code: 2 }); // no such index
  });
});
