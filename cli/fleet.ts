// `eb-conform fleet plan`: one eb-conform.yaml (or a targets.yaml, which is the same file with
// only `targets`) in, a fan-out plan out, for an engine the user already runs: a GitHub Actions
// matrix (JSON for `strategy.matrix`) or a Kubernetes Indexed Job (YAML, where
// JOB_COMPLETION_INDEX picks the target). We own the plan and the merge; the scheduling is theirs.
// Every entry runs `eb-conform run --config FILE --only NAME --report-dir DIR`.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml, stringify } from 'yaml';
import { redactUrl } from '../reports/index.ts';
import { ConfigError, loadConfig } from './options/config.ts';
import { toolVersion } from './version.ts';

/** GitHub Actions runs at most this many jobs from one matrix. */
export const GITHUB_MATRIX_LIMIT = 256;
/** Kubernetes caps an Indexed Job's completions. */
export const KUBERNETES_INDEX_LIMIT = 100_000;

const USAGE = `usage: eb-conform fleet plan <eb-conform.yaml | targets.yaml> [options]

Prints a plan that runs every target of the file on an engine you already have:

  --format github     (default) JSON for a GitHub Actions matrix: {"include": [...]}, one entry
                      per target with name, url, config, reportDir and command
  --format k8s        a Kubernetes ConfigMap (the target names) and an Indexed Job whose
                      JOB_COMPLETION_INDEX picks the target
  --report-root DIR   where each target's report folder goes (default eb-conform-reports;
                      k8s: /reports, on the claimed volume)
  --command CMD       how entries call the tool (default "npx eb-conform"; k8s: "eb-conform")
  --name NAME         k8s: name of the Job and its ConfigMaps (default eb-conform-fleet)
  --image IMAGE       k8s: an image with eb-conform installed (default eb-conform:<version>)
  --configmap NAME    k8s: the ConfigMap holding the config file (default <name>-config)
  --claim NAME        k8s: the PersistentVolumeClaim the reports go to (default <name>-reports)
  --parallelism N     k8s: pods at a time (default 4)
  --schedule CRON     k8s: a CronJob that starts the Job on this schedule (e.g. "17 2 * * *")
  -h, --help          this text

A file that sets \${VARIABLES} is checked without the unset ones (the runs need them, the plan
does not). Exit codes: 0 plan printed, 2 the file or the options are wrong.`;

export class FleetError extends Error {
  override name = 'FleetError';
}

export interface FleetTarget {
  name: string;
  /** The url as the file writes it (a \${VARIABLE} stays unexpanded: the plan may be public). */
  url: string;
}

export interface Fleet {
  file: string;
  targets: FleetTarget[];
  /** What the check of the file could not do (unset variables). */
  notes: string[];
}

const UNSET = /^environment variable (.+) is not set$/;

/**
 * The targets of a config file, checked as `run --config` will check it. Problems that are
 * only unset environment variables become notes: a planning job need not hold the runs' secrets.
 */
export function readFleet(file: string, env: NodeJS.ProcessEnv = process.env): Fleet {
  const notes: string[] = [];
  try {
    loadConfig(file, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const real = error.problems.filter((problem) => !UNSET.test(problem.message));
    if (real.length > 0) throw new FleetError(error.message);
    const unset = new Set(
      error.problems.flatMap((p) => (UNSET.exec(p.message)?.[1] ?? '').split(', ')),
    );
    notes.push(`checked without the unset environment variables ${[...unset].join(', ')}`);
  }
  const doc = parseYaml(readFileSync(file, 'utf8')) as {
    targets?: { name: string; url: string }[];
  };
  // Matrix values show in CI logs: credentials written into a URL stay out of the plan.
  const targets = (doc.targets ?? []).map(({ name, url }) => ({
    name,
    url: redactUrl(String(url)),
  }));
  if (targets.length === 0)
    throw new FleetError(`${file} has no targets: a fleet plan needs at least one under "targets"`);
  return { file, targets, notes };
}

export interface PlanOptions {
  reportRoot: string;
  command: string;
}

export interface MatrixEntry {
  name: string;
  url: string;
  config: string;
  reportDir: string;
  command: string;
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The run of one target: what a matrix job or a pod executes. */
export function entryArgs(config: string, name: string, reportDir: string): string[] {
  return ['run', '--config', config, '--only', name, '--report-dir', reportDir];
}

export function githubMatrix(fleet: Fleet, options: PlanOptions): { include: MatrixEntry[] } {
  if (fleet.targets.length > GITHUB_MATRIX_LIMIT)
    throw new FleetError(
      `${fleet.file} has ${fleet.targets.length} targets, but a GitHub Actions matrix runs at most ${GITHUB_MATRIX_LIMIT} jobs: split the file, or use --format k8s`,
    );
  return {
    include: fleet.targets.map(({ name, url }) => {
      const reportDir = `${options.reportRoot}/${name}`;
      return {
        name,
        url,
        config: fleet.file,
        reportDir,
        command: [options.command, ...entryArgs(fleet.file, name, reportDir).map(shellWord)].join(
          ' ',
        ),
      };
    }),
  };
}

export interface KubernetesOptions extends PlanOptions {
  name: string;
  /** A cron schedule: the Job becomes the template of a CronJob. */
  schedule?: string;
  image: string;
  configMap: string;
  claim: string;
  parallelism: number;
}

/**
 * Two documents: a ConfigMap with the target names, one a line, and an Indexed Job with one
 * completion per target. Each pod reads line JOB_COMPLETION_INDEX + 1 and runs that target into
 * <report root>/<job name>/<target> on the claimed volume; a
 * verdict (exit 1, 3, 4) is written into the report and is not a failed pod, so Kubernetes
 * retries only runs that broke (exit 2 or a crash).
 */
export function kubernetesManifest(fleet: Fleet, options: KubernetesOptions): string {
  if (fleet.targets.length > KUBERNETES_INDEX_LIMIT)
    throw new FleetError(
      `${fleet.file} has ${fleet.targets.length} targets, more than an Indexed Job's ${KUBERNETES_INDEX_LIMIT} completions: split the file`,
    );
  const configName = fleet.file.split(/[\\/]/).pop() ?? 'eb-conform.yaml';
  const script = [
    'set -u',
    'name=$(sed -n "$((JOB_COMPLETION_INDEX + 1))p" /plan/targets)',
    'test -n "$name" || { echo "no target at index $JOB_COMPLETION_INDEX" >&2; exit 2; }',
    // Clusters before Kubernetes 1.27 do not label pods with their Job's name.
    'job=${JOB_NAME:-eb-conform}',
    `${options.command} ${entryArgs(shellWord(`/config/${configName}`), '"$name"', `${shellWord(options.reportRoot)}/"$job/$name"`).join(' ')}`,
    'code=$?',
    '# A verdict is in the report; only a run that broke is a failed pod.',
    'case $code in 0|1|3|4) exit 0 ;; *) exit $code ;; esac',
  ].join('\n');
  const labels = {
    'app.kubernetes.io/name': 'eb-conform',
    'app.kubernetes.io/instance': options.name,
  };
  const targets = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${options.name}-targets`, labels },
    data: { targets: `${fleet.targets.map((t) => t.name).join('\n')}\n` },
  };
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: options.name, labels },
    spec: {
      completionMode: 'Indexed',
      completions: fleet.targets.length,
      parallelism: Math.min(options.parallelism, fleet.targets.length),
      backoffLimitPerIndex: 1,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'eb-conform',
              image: options.image,
              command: ['/bin/sh', '-c', script],
              env: [
                { name: 'CI', value: '1' },
                // Each run of the Job (each night of a CronJob) gets its own report folder.
                {
                  name: 'JOB_NAME',
                  valueFrom: {
                    fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-name']" },
                  },
                },
              ],
              resources: {
                requests: { cpu: '500m', memory: '512Mi' },
                limits: { memory: '1Gi' },
              },
              volumeMounts: [
                { name: 'config', mountPath: '/config', readOnly: true },
                { name: 'plan', mountPath: '/plan', readOnly: true },
                { name: 'reports', mountPath: options.reportRoot },
              ],
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: options.configMap } },
            { name: 'plan', configMap: { name: `${options.name}-targets` } },
            { name: 'reports', persistentVolumeClaim: { claimName: options.claim } },
          ],
        },
      },
    },
  };
  const header = `# eb-conform fleet plan for ${fleet.file}: ${fleet.targets.length} targets.\n# Needs the ConfigMap ${options.configMap} (kubectl create configmap ${options.configMap} --from-file=${fleet.file})\n# and the PersistentVolumeClaim ${options.claim}; see docs/FLEET.md.\n`;
  const yaml = { lineWidth: 0, aliasDuplicateObjects: false };
  const runs =
    options.schedule === undefined
      ? job
      : {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: options.name, labels },
          spec: {
            schedule: options.schedule,
            // A night's runs that are still going are left to finish; the next night waits.
            concurrencyPolicy: 'Forbid',
            successfulJobsHistoryLimit: 3,
            failedJobsHistoryLimit: 3,
            jobTemplate: { metadata: { labels }, spec: job.spec },
          },
        };
  return `${header}${stringify(targets, yaml)}---\n${stringify(runs, yaml)}`;
}

function planCommand(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'github' },
        'report-root': { type: 'string' },
        command: { type: 'string' },
        name: { type: 'string', default: 'eb-conform-fleet' },
        image: { type: 'string' },
        configmap: { type: 'string' },
        claim: { type: 'string' },
        parallelism: { type: 'string', default: '4' },
        schedule: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new FleetError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1)
    throw new FleetError('name exactly one eb-conform.yaml or targets.yaml');
  const format = values.format;
  if (format !== 'github' && format !== 'k8s')
    throw new FleetError(`--format must be github or k8s, got "${format}"`);
  const parallelism = Number(values.parallelism);
  if (!Number.isSafeInteger(parallelism) || parallelism < 1)
    throw new FleetError(
      `--parallelism must be a whole number of at least 1, got "${values.parallelism}"`,
    );
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(values.name) || values.name.length > 52)
    throw new FleetError(
      `--name must be a Kubernetes name (lower-case letters, digits and -, at most 52), got "${values.name}"`,
    );
  if (values.schedule !== undefined && values.schedule.trim().split(/\s+/).length !== 5)
    throw new FleetError(
      `--schedule must be a cron line of five fields, such as "17 2 * * *", got "${values.schedule}"`,
    );
  const fleet = readFleet(positionals[0]!);
  for (const note of fleet.notes) console.error(`eb-conform fleet: ${note}`);
  if (format === 'github') {
    const matrix = githubMatrix(fleet, {
      reportRoot: values['report-root'] ?? 'eb-conform-reports',
      command: values.command ?? 'npx eb-conform',
    });
    // One line, so it can go straight into $GITHUB_OUTPUT.
    console.log(JSON.stringify(matrix));
    return 0;
  }
  console.log(
    kubernetesManifest(fleet, {
      reportRoot: values['report-root'] ?? '/reports',
      command: values.command ?? 'eb-conform',
      name: values.name,
      image: values.image ?? `eb-conform:${toolVersion()}`,
      configMap: values.configmap ?? `${values.name}-config`,
      claim: values.claim ?? `${values.name}-reports`,
      parallelism,
      ...(values.schedule === undefined ? {} : { schedule: values.schedule }),
    }),
  );
  return 0;
}

export async function fleetCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    console.log(USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'plan') {
    console.error(`eb-conform fleet: unknown sub-command "${sub}" (there is: plan)\n\n${USAGE}`);
    return 2;
  }
  try {
    return planCommand(rest);
  } catch (error) {
    if (error instanceof FleetError) {
      console.error(`eb-conform fleet: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
