// What `eb-conform init` finds out about a broker by talking to it: the profile and create
// path, JSON and YAML, the offer lifetime from one sample offer set (rejected afterwards),
// whether direct execution, connectors, labels and a control clock exist, and whether writes
// need credentials. Every finding keeps the evidence it rests on, for the file's comments.

import { randomUUID } from 'node:crypto';
import { BrokerClient, MEDIA, offersOf, uuidOf, type Reply } from '../../suites/harness/client.ts';
import { DEFAULTS, type Credentials, type TargetContext } from '../../suites/harness/context.ts';
import type { Declaration, ProfileName } from '../../suites/harness/declaration.ts';
import { executionRequest } from '../../suites/harness/requests.ts';
import { instantMs, pick } from '../../suites/history/time.ts';
import { firstContact } from '../../suites/runner/first-contact.ts';

/** One finding: the declaration field it sets (if any) and why, in a sentence. */
export interface Finding {
  field?: keyof Declaration;
  value?: unknown;
  evidence: string;
}

export interface Probed {
  /** Set when the target cannot be probed at all; the one line to print. */
  problem?: string;
  profile?: ProfileName;
  findings: Finding[];
  /** Lines the operator must fill in (what no probe can know). */
  todo: string[];
}

export interface ProbeOptions {
  target: string;
  credentials?: Credentials;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

function contextFor(options: ProbeOptions, profile: ProfileName): TargetContext {
  return {
    target: options.target,
    profile,
    declaration: {},
    seed: DEFAULTS.seed,
    runs: 1,
    maxWaitMs: 0,
    headers: options.headers ?? {},
    requestTimeoutMs: options.timeoutMs ?? DEFAULTS.requestTimeoutMs,
    control: false,
    builtIn: false,
    failOn: 'must',
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  };
}

function sampleRequest(profile: ProfileName, labelled: boolean): Record<string, unknown> {
  return executionRequest(profile, {
    name: 'eb-conform-init',
    image: 'docker.io/library/python:3.12-slim',
    ...(labelled ? { labels: { 'eb-conform-probe': 'init' } } : {}),
  });
}

/** ISO 8601 duration of whole seconds, in the largest unit that divides it. */
export function isoDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 3600 === 0) return `PT${seconds / 3600}H`;
  if (seconds % 60 === 0) return `PT${seconds / 60}M`;
  return `PT${seconds}S`;
}

async function releaseSample(client: BrokerClient, offerset: unknown): Promise<void> {
  await client.release(offerset);
}

function exists(reply: Reply): boolean {
  return reply.status !== 0 && reply.status !== 404;
}

export async function probeBroker(options: ProbeOptions): Promise<Probed> {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.requestTimeoutMs;
  const contact = await firstContact(options.target, Math.min(timeoutMs, 10_000), options.headers);
  if (!contact.broker)
    return {
      problem: contact.problem ?? `${options.target} cannot be probed`,
      findings: [],
      todo: [],
    };
  const profile = contact.profile ?? 'v1.0.7';
  const probed: Probed = { profile, findings: [], todo: [] };
  const say = (finding: Finding): void => void probed.findings.push(finding);
  say({
    field: 'profile',
    value: profile,
    evidence:
      profile === 'v1.0.7'
        ? 'GET /requests exists (create path of schema 1.0.7)'
        : 'GET /requests is 404 and /offersets exists (create path of schema 1.0.5)',
  });
  const client = new BrokerClient(contextFor(options, profile));
  let created = await client.create(sampleRequest(profile, true));
  let labelled = true;
  if (created.offerset === undefined || offersOf(created.offerset).length === 0) {
    await releaseSample(client, created.offerset);
    created = await client.create(sampleRequest(profile, false));
    labelled = false;
  }
  if (created.status === 401 || created.status === 403) {
    const scheme = /basic/i.test(created.replies[0]?.headers['www-authenticate'] ?? '')
      ? 'basic'
      : 'bearer';
    say({
      field: 'auth',
      value: scheme,
      evidence: `a create without ${options.credentials === undefined ? 'credentials' : 'these credentials'} was answered ${created.status}`,
    });
    probed.todo.push(
      'writes need credentials: run init and run with --user NAME:PASSWORD (and --second-user for the ownership checks)',
    );
    return probed;
  }
  if (options.credentials !== undefined)
    say({ field: 'auth', value: 'basic', evidence: 'writes accepted with the given --user' });
  const offers = offersOf(created.offerset);
  if (offers.length === 0) {
    probed.todo.push(
      `the sample request got no offer (create answered ${created.status}${
        pick(created.offerset, 'result') === undefined
          ? ''
          : `, ${String(pick(created.offerset, 'result'))}`
      }): offerLifetime could not be measured`,
    );
  } else {
    const offer = offers[0];
    const lifetime =
      (instantMs(pick(offer, 'expires')) ?? NaN) -
      (instantMs(pick(created.offerset, 'meta', 'created')) ?? NaN);
    if (Number.isFinite(lifetime) && lifetime > 0)
      say({
        field: 'offerLifetime',
        value: isoDuration(lifetime),
        evidence: `a sample offer expired ${Math.round(lifetime / 1000)} s after its offer set was created`,
      });
    say({
      field: 'connectors',
      value:
        Array.isArray(pick(offer, 'connectors')) &&
        (pick(offer, 'connectors') as unknown[]).length > 0,
      evidence: 'whether the sample Docker offer carries connectors',
    });
    if (labelled) {
      const echoed = pick(offer, 'executable', 'labels', 'eb-conform-probe') === 'init';
      say({
        field: 'labels',
        value: echoed,
        evidence: `a label on the sample request was ${echoed ? '' : 'not '}echoed in the offer`,
      });
    }
    const kind = pick(offer, 'kind');
    if (typeof kind === 'string' && /^https?:\/\/([^/]+)\//.test(kind)) {
      const host = /^https?:\/\/([^/]+)\//.exec(kind)?.[1] ?? '';
      if (host !== 'www.purl.org')
        say({
          field: 'kindHost',
          value: host,
          evidence: `the offers' kind URIs are under ${host}`,
        });
    }
  }
  const json = created.replies.at(-1)?.contentType;
  const yaml = await client.raw(
    'GET',
    client.paths.offerset(uuidOf(created.offerset) ?? randomUUID()),
    {
      headers: { accept: MEDIA.yaml },
    },
  );
  say({
    evidence: `answers JSON (${json ?? 'no body'}) and, asked for YAML, ${yaml.contentType ?? `status ${yaml.status}`}`,
  });
  await releaseSample(client, created.offerset);
  const direct = await client.raw('GET', client.paths.direct);
  say({
    field: 'direct',
    value: exists(direct),
    evidence: `GET ${client.paths.direct} answered ${direct.status || direct.error}${exists(direct) ? ' (the path exists)' : ''}`,
  });
  const clock = await client.raw('GET', '/_control/clock', { headers: { accept: MEDIA.json } });
  const controlled = clock.status === 200 && pick(clock.body, 'now') !== undefined;
  say({
    field: 'controlClock',
    value: controlled,
    evidence: controlled ? 'GET /_control/clock answers the broker time' : 'no /_control/clock',
  });
  probed.todo.push(
    'capacity: the platform totals (cores, memory GiB, storage GiB) the capacity checks need',
  );
  return probed;
}
