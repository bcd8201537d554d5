// One small, direct check per fault: each fault must change exactly the behaviour it names.
// Every check answers "is the rule broken?"; it must say yes with the fault on and no without.
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { FAULTS, parseFaults, type FaultName } from '../../mock/faults.ts';
import type { MockOptions } from '../../mock/index.ts';
import { FEATURE_CHECKS } from './feature-fault-checks.ts';
import { dockerRequest, KIND, send, withBroker, type Answer } from './http-helpers.ts';

const update = (value: string) => ({ kind: 'uri:enum-value-update', path: 'phase', value });
const SMALL: MockOptions['config'] = { totals: { cores: 2 }, perSession: { cores: 2 } };

async function now(base: string): Promise<number> {
  return Date.parse((await send(`${base}/_control/clock`)).body.now);
}

async function advance(base: string, seconds: number): Promise<void> {
  await send(`${base}/_control/advance`, { body: { seconds } });
}

async function create(
  base: string,
  body: unknown = dockerRequest(),
  headers: Record<string, string> = {},
): Promise<Answer> {
  const created = await send(`${base}/requests`, { body, headers });
  if (created.status !== 303 || created.headers.location === undefined) return created;
  const location = created.headers.location.startsWith('http')
    ? created.headers.location
    : `${base}${created.headers.location}`;
  return send(location, { headers });
}

async function firstOffer(base: string, body?: unknown) {
  return (await create(base, body)).body.offers[0];
}

/** A request for the whole of a 2-core platform, starting within the next few minutes. */
async function fillingRequest(base: string) {
  const start = new Date(await now(base)).toISOString();
  return dockerRequest({
    compute: { kind: KIND.compute, cores: { min: 2 } },
    schedule: { requested: { start: `${start}/PT5M` } },
  });
}

async function secondCreateRefused(
  base: string,
  release: (offers: { meta: { url: string } }[]) => Promise<void>,
): Promise<boolean> {
  const request = await fillingRequest(base);
  const first = await create(base, request);
  await release(first.body.offers);
  const second = await create(base, request);
  return second.body.result === 'NO';
}

async function hangs(url: string): Promise<boolean> {
  try {
    const answer = await request(url, {
      method: 'POST',
      body: '{"broken',
      headers: { 'content-type': 'application/json' },
      headersTimeout: 5000,
    });
    await answer.body.text();
    return false;
  } catch {
    return true;
  }
}

type Check = { options?: MockOptions; broken: (base: string) => Promise<boolean> };

/** The faults of the optional features, checked in feature-fault-checks.ts. */
type FeatureFault =
  | 'auth-ignored'
  | 'owner-ignored'
  | 'connectors-missing'
  | 'connector-never-available'
  | 'connector-regresses'
  | 'labels-dropped'
  | 'reserved-label-accepted';

const CHECKS: Record<FaultName, Check> = {
  ...(FEATURE_CHECKS as Record<FeatureFault, Check>),
  'no-expiry': {
    broken: async (base) => {
      const offer = await firstOffer(base);
      await advance(base, 301);
      return (await send(offer.meta.url)).body.phase !== 'EXPIRED';
    },
  },
  'accept-after-expiry': {
    broken: async (base) => {
      const offer = await firstOffer(base);
      await advance(base, 301);
      return (await send(offer.meta.url, { body: update('ACCEPTED') })).status === 200;
    },
  },
  'never-releases': {
    options: { config: SMALL },
    broken: (base) =>
      secondCreateRefused(base, async ([offer]) => {
        await send(offer!.meta.url, { body: update('ACCEPTED') });
        await send(offer!.meta.url, { body: update('CANCELLED') });
      }),
  },
  'siblings-stay-offered': {
    broken: async (base) => {
      const [a, b] = (await create(base)).body.offers;
      await send(a.meta.url, { body: update('ACCEPTED') });
      return (await send(b.meta.url)).body.phase === 'OFFERED';
    },
  },
  'reject-ignored': {
    broken: async (base) =>
      (await send((await firstOffer(base)).meta.url, { body: update('REJECTED') })).body.phase ===
      'OFFERED',
  },
  'accept-ignored': {
    broken: async (base) =>
      (await send((await firstOffer(base)).meta.url, { body: update('ACCEPTED') })).body.phase ===
      'OFFERED',
  },
  'cancel-ignored': {
    broken: async (base) => {
      const offer = await firstOffer(base);
      await send(offer.meta.url, { body: update('ACCEPTED') });
      return (await send(offer.meta.url, { body: update('CANCELLED') })).body.phase !== 'CANCELLED';
    },
  },
  'terminal-phase-changes': {
    broken: async (base) => {
      const offer = await firstOffer(base);
      await send(offer.meta.url, { body: update('REJECTED') });
      return (await send(offer.meta.url, { body: update('ACCEPTED') })).status === 200;
    },
  },
  'phase-regression': {
    broken: async (base) => {
      const offer = await firstOffer(base);
      await send(offer.meta.url, { body: update('ACCEPTED') });
      const phases = [
        (await send(offer.meta.url)).body.phase,
        (await send(offer.meta.url)).body.phase,
      ];
      return phases.includes('OFFERED');
    },
  },
  'stale-options': {
    broken: async (base) => {
      const offer = await firstOffer(base);
      const accepted = await send(offer.meta.url, { body: update('ACCEPTED') });
      return accepted.body.meta.options[0].values.includes('ACCEPTED');
    },
  },
  'no-options': { broken: async (base) => (await firstOffer(base)).meta.options.length === 0 },
  'silent-illegal-update': {
    broken: async (base) => {
      const [a, b] = (await create(base)).body.offers;
      await send(a.meta.url, { body: update('ACCEPTED') });
      return (await send(b.meta.url, { body: update('ACCEPTED') })).status === 200;
    },
  },
  'no-progress': {
    broken: async (base) => {
      const offer = await firstOffer(base);
      await send(offer.meta.url, { body: update('ACCEPTED') });
      await advance(base, 86_400);
      return (await send(offer.meta.url)).body.phase === 'ACCEPTED';
    },
  },
  'no-schedule': { broken: async (base) => (await firstOffer(base)).schedule === undefined },
  overbook: {
    options: { config: SMALL },
    broken: async (base) => {
      const request = await fillingRequest(base);
      await create(base, request);
      return (await create(base, request)).body.result === 'YES';
    },
  },
  'beyond-platform': {
    broken: async (base) =>
      (await create(base, dockerRequest({ compute: { kind: KIND.compute, cores: { min: 5000 } } })))
        .body.result === 'YES',
  },
  'ignore-max': {
    broken: async (base) =>
      (
        await create(
          base,
          dockerRequest({ compute: { kind: KIND.compute, cores: { min: 1, max: 1 } } }),
        )
      ).body.offers.some((o: { compute: { cores: { min: number } } }) => o.compute.cores.min > 1),
  },
  'memory-ignore-max': {
    broken: async (base) =>
      (
        await create(
          base,
          dockerRequest({ compute: { kind: KIND.compute, memory: { min: 1, max: 1 } } }),
        )
      ).body.offers.some((o: { compute: { memory: { min: number } } }) => o.compute.memory.min > 1),
  },
  'below-min': {
    broken: async (base) =>
      (
        await firstOffer(
          base,
          dockerRequest({ compute: { kind: KIND.compute, cores: { min: 2, max: 2 } } }),
        )
      ).compute.cores.min < 2,
  },
  'memory-echoes-cores': {
    broken: async (base) =>
      (
        await firstOffer(
          base,
          dockerRequest({
            compute: { kind: KIND.compute, cores: { min: 3, max: 3 }, memory: { min: 8, max: 8 } },
          }),
        )
      ).compute.memory.min === 3,
  },
  'storage-below-min': {
    broken: async (base) => {
      const storage = [
        {
          kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/storage/simple-storage-resource.yaml',
          meta: { name: 'disk' },
          size: { min: 4 },
        },
      ];
      return (await firstOffer(base, dockerRequest({ storage }))).storage[0].size.min < 4;
    },
  },
  'storage-size-dropped': {
    options: { config: { totals: { storage: 10 }, perSession: { storage: 10 } } },
    broken: async (base) => {
      const storage = [
        {
          kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/storage/simple-storage-resource.yaml',
          meta: { name: 'disk' },
          size: { min: 4 },
        },
      ];
      const offers = await create(base, dockerRequest({ storage }));
      // Sizes neither stated nor booked: three 4 GiB disks are offered on a 10 GiB platform.
      const more = await create(base, dockerRequest({ storage }));
      const third = await create(base, dockerRequest({ storage }));
      return (
        offers.body.offers[0].storage[0].size === undefined &&
        more.body.result === 'YES' &&
        third.body.result === 'YES'
      );
    },
  },
  'offer-outside-window': {
    broken: async (base) => {
      const start = await now(base);
      const offer = await firstOffer(
        base,
        dockerRequest({
          schedule: { requested: { start: `${new Date(start).toISOString()}/PT10M` } },
        }),
      );
      return Date.parse(offer.schedule.available.start.split('/')[0]) > start + 10 * 60_000;
    },
  },
  'short-duration': {
    broken: async (base) =>
      (await firstOffer(base, dockerRequest({ schedule: { requested: { duration: 'PT2H' } } })))
        .schedule.available.duration !== 'PT2H',
  },
  'multi-slot-offer': {
    broken: async (base) => Array.isArray((await firstOffer(base)).schedule.available.start),
  },
  'wrong-defaults': {
    broken: async (base) =>
      (await firstOffer(base, { executable: dockerRequest().executable })).compute.memory.min < 1,
  },
  'executable-dropped': {
    broken: async (base) => (await firstOffer(base)).executable === undefined,
  },
  'volumes-dropped': {
    broken: async (base) => {
      const volumes = [
        {
          kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/volume/simple-volume-mount.yaml',
          path: '/mnt/data',
          mode: 'READONLY',
          resource: 'disk',
        },
      ];
      const storage = [
        {
          kind: 'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/storage/simple-storage-resource.yaml',
          meta: { name: 'disk' },
          size: { min: 1 },
        },
      ];
      const compute = { kind: KIND.compute, cores: { min: 1 }, volumes };
      return (
        (await firstOffer(base, dockerRequest({ compute, storage }))).compute.volumes === undefined
      );
    },
  },
  'uuid-reuse': {
    broken: async (base) =>
      (await create(base)).body.meta.uuid === (await create(base)).body.meta.uuid,
  },
  'yes-without-offers': {
    broken: async (base) => {
      const set = (await create(base)).body;
      return set.result === 'YES' && set.offers.length === 0;
    },
  },
  'no-without-messages': {
    broken: async (base) =>
      (await create(base, dockerRequest({ schedule: { requested: { duration: 'P30D' } } }))).body
        .meta.messages.length === 0,
  },
  'offers-not-offered': { broken: async (base) => (await firstOffer(base)).phase !== 'OFFERED' },
  'expires-in-past': {
    broken: async (base) => {
      const offer = await firstOffer(base);
      return Date.parse(offer.expires) <= Date.parse(offer.meta.created);
    },
  },
  'bad-offer-url': {
    broken: async (base) => (await send((await firstOffer(base)).meta.url)).status === 404,
  },
  'unknown-kind-yes': {
    broken: async (base) =>
      (await create(base, { executable: { kind: 'https://example.org/kinds/teapot' } })).body
        .result === 'YES',
  },
  'invalid-yes': {
    broken: async (base) =>
      (
        await create(
          base,
          dockerRequest({ compute: { kind: KIND.compute, cores: { min: 4, max: 2 } } }),
        )
      ).body.result === 'YES',
  },
  'missing-location': {
    broken: async (base) => {
      const created = await send(`${base}/requests`, { body: dockerRequest() });
      return created.status === 303 && created.headers.location === undefined;
    },
  },
  'relative-location': {
    broken: async (base) =>
      !(await send(`${base}/requests`, { body: dockerRequest() })).headers.location!.startsWith(
        'http',
      ),
  },
  'schema-drift': { broken: async (base) => (await firstOffer(base)).kind === undefined },
  'offerset-drift': {
    broken: async (base) => typeof (await create(base)).body.result === 'boolean',
  },
  'unknown-kind-uri': {
    broken: async (base) => (await firstOffer(base)).compute.kind !== KIND.compute,
  },
  'bad-message': {
    broken: async (base) =>
      !['DEBUG', 'INFO', 'WARN', 'ERROR', 'OTHER'].includes(
        (await create(base, { executable: { kind: 'https://example.org/x' } })).body.meta
          .messages[0].level,
      ),
  },
  'bad-option': {
    broken: async (base) => (await firstOffer(base)).meta.options[0].path === undefined,
  },
  'bad-meta-url': {
    broken: async (base) => (await send((await create(base)).body.meta.url)).status === 404,
  },
  'epoch-instants': {
    broken: async (base) => (await firstOffer(base)).schedule.preparing.start.startsWith('1970-'),
  },
  'bad-datetime': {
    broken: async (base) => !/^\d{4}-\d{2}-\d{2}T/.test((await firstOffer(base)).expires),
  },
  'wrong-content-type': {
    broken: async (base) => (await create(base)).headers['content-type']!.startsWith('text/plain'),
  },
  'yaml-response-as-json': {
    broken: async (base) =>
      (await create(base, dockerRequest(), { accept: 'application/yaml' })).headers[
        'content-type'
      ]!.includes('json'),
  },
  'yaml-unsupported': {
    broken: async (base) =>
      (
        await send(`${base}/requests`, {
          raw: 'executable: {kind: x}',
          headers: { 'content-type': 'application/yaml' },
        })
      ).status === 415,
  },
  'json-unsupported': {
    broken: async (base) =>
      (await send(`${base}/requests`, { body: dockerRequest() })).status === 415,
  },
  'ignore-q-values': {
    broken: async (base) =>
      (
        await create(base, dockerRequest(), { accept: 'application/json;q=0.1, application/yaml' })
      ).headers['content-type']!.includes('json'),
  },
  'json-default': {
    broken: async (base) =>
      (await create(base, dockerRequest(), { accept: '' })).headers['content-type']!.includes(
        'json',
      ),
  },
  'accept-anything': {
    broken: async (base) =>
      (await send(`${base}/requests`, { body: dockerRequest(), headers: { accept: 'text/html' } }))
        .status !== 406,
  },
  '5xx-on-bad-input': {
    broken: async (base) =>
      (
        await send(`${base}/requests`, {
          raw: '{"broken',
          headers: { 'content-type': 'application/json' },
        })
      ).status >= 500,
  },
  'malformed-200': {
    broken: async (base) =>
      (
        await send(`${base}/requests`, {
          raw: '{"broken',
          headers: { 'content-type': 'application/json' },
        })
      ).status !== 400,
  },
  'unknown-uuid-200': {
    broken: async (base) =>
      (await send(`${base}/sessions/00000000-0000-0000-0000-000000000000`)).status === 200,
  },
  'bare-errors': {
    broken: async (base) =>
      (await send(`${base}/sessions/00000000-0000-0000-0000-000000000000`)).text === '',
  },
  'hang-on-bad-input': { broken: (base) => hangs(`${base}/requests`) },
  'double-accept-race': {
    broken: async (base) => {
      const [a, b] = (await create(base)).body.offers;
      const answers = await Promise.all(
        [a, b].map((offer) => send(offer.meta.url, { body: update('ACCEPTED') })),
      );
      return answers.every((answer) => answer.status === 200 && answer.body.phase === 'ACCEPTED');
    },
  },
  'racy-booking': {
    options: { config: SMALL },
    broken: async (base) => {
      const request = await fillingRequest(base);
      const sets = await Promise.all([create(base, request), create(base, request)]);
      return sets.every((set) => set.body.result === 'YES');
    },
  },
  'no-reoffer': {
    options: { config: SMALL },
    broken: (base) =>
      secondCreateRefused(base, async (offers) => {
        for (const offer of offers) await send(offer.meta.url, { body: update('REJECTED') });
      }),
  },
  'direct-offered': {
    broken: async (base) => {
      const created = await send(`${base}/direct`, { body: dockerRequest() });
      return (await send(created.headers.location!)).body.phase === 'OFFERED';
    },
  },
  'direct-drift': {
    broken: async (base) => {
      const created = await send(`${base}/direct`, { body: dockerRequest() });
      return (await send(created.headers.location!)).body.executable.kind !== KIND.docker;
    },
  },
};

describe('every fault breaks the rule it names', () => {
  it('has a check for every fault in the catalogue', () => {
    expect(Object.keys(CHECKS).sort()).toEqual(FAULTS.map((fault) => fault.name).sort());
  });

  it('expands the calycopis preset and reports unknown names', () => {
    const { faults, unknown } = parseFaults(['calycopis,no-schedule', 'nonsense']);
    expect(faults.has('ignore-max') && faults.has('bare-errors') && faults.has('no-schedule')).toBe(
      true,
    );
    expect(unknown).toEqual(['nonsense']);
  });

  it.each(FAULTS.map((fault) => [fault.name, fault.requirement] as const))(
    '%s (%s)',
    async (name) => {
      const check = CHECKS[name];
      const options: MockOptions = { clock: 'virtual', control: true, ...check.options };
      const clean = await withBroker(options, (broker) => check.broken(broker.url));
      const faulty = await withBroker({ ...options, faults: [name] }, (broker) =>
        check.broken(broker.url),
      );
      expect({ clean, faulty }).toEqual({ clean: false, faulty: true });
    },
  );
});
