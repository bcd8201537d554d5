// Profiles map canonical names onto each wire version; v1.0.7 and v1.0.5 are complete and their
// kind URIs agree with the upstream schemas. Kind dispatch works for both versions' URIs.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  KIND_NAMES,
  createValidator,
  getProfile,
  kindName,
  kindNameIn,
  kindUri,
  listProfiles,
  type KindName,
  type ProfileName,
  UPSTREAM_DIR,
} from '../../spec/index.ts';

const UPSTREAM = UPSTREAM_DIR;

describe('profiles', () => {
  it('lists the three wire versions, v1.0.7 the default', () => {
    expect(listProfiles().map((p) => p.name)).toEqual(['v1.0.7', 'v1.0.5', 'wd-2025']);
    expect(
      listProfiles()
        .filter((p) => p.default)
        .map((p) => p.name),
    ).toEqual(['v1.0.7']);
    expect(getProfile().name).toBe('v1.0.7');
  });

  it('rejects an unknown profile name with the known ones', () => {
    expect(() => getProfile('v9')).toThrow(
      'unknown profile "v9" (expected one of v1.0.7, v1.0.5, wd-2025)',
    );
  });

  it('gives each version its paths, discriminator and update envelope', () => {
    const v7 = getProfile('v1.0.7');
    const v5 = getProfile('v1.0.5');
    const wd = getProfile('wd-2025');
    expect(v7.paths).toEqual({
      create: '/requests',
      direct: '/direct',
      offerset: '/offersets/{uuid}',
      session: '/sessions/{uuid}',
    });
    expect(v5.paths).toEqual({
      create: '/offersets',
      direct: '/sessions',
      offerset: '/offersets/{uuid}',
      session: '/sessions/{uuid}',
    });
    expect(wd.paths.direct).toBeUndefined();
    expect([v7.discriminator, v5.discriminator, wd.discriminator]).toEqual([
      'kind',
      'kind',
      'type',
    ]);
    expect([v7.update, v5.update, wd.update]).toEqual([
      { path: 'phase' },
      { path: 'phase' },
      { path: 'phase', wrapper: 'update' },
    ]);
    expect(wd.identity).toBe('flat');
    expect(wd.fields['meta.url']).toBe('href');
  });

  it('v1.0.7 maps every canonical kind, v1.0.5 all but the costs and metrics it lacks', () => {
    const v7 = getProfile('v1.0.7');
    expect(Object.keys(v7.kinds).sort()).toEqual([...KIND_NAMES].sort());
    expect(v7.missing).toEqual([]);
    const v5 = getProfile('v1.0.5');
    const absent = KIND_NAMES.filter((k) => v5.kinds[k] === undefined);
    expect(absent).toEqual(['simple-minmax-float-cost', 'simple-minmax-float-metric']);
    for (const k of absent) expect(v5.missing.some((m) => m.startsWith(k))).toBe(true);
  });

  it('wd-2025 names, under missing, every canonical kind it does not map', () => {
    const wd = getProfile('wd-2025');
    for (const k of KIND_NAMES.filter((name) => wd.kinds[name] === undefined)) {
      expect(
        wd.missing.some((m) => m.startsWith(k)),
        k,
      ).toBe(true);
    }
    expect(wd.missing.some((m) => m.startsWith('direct'))).toBe(true);
  });

  it('uses distinct URIs within each profile', () => {
    for (const p of listProfiles()) {
      const uris = Object.values(p.kinds);
      expect(new Set(uris).size, p.name).toBe(uris.length);
    }
  });

  it('follows each version’s URI scheme', () => {
    expect(kindUri('v1.0.7', 'docker-container')).toBe(
      'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml',
    );
    expect(kindUri('v1.0.5', 's3-data-resource')).toBe(
      'https://www.purl.org/ivoa.net/EB/schema/v1.0/types/data/S3-data-resource-1.0',
    );
    expect(kindUri('wd-2025', 'rucio-data-resource')).toBe(
      'https://www.purl.org/ivoa.net/EB/schema/types/resources/data/Rucio-data-resource-1.0',
    );
    expect(kindUri('v1.0.7', 'enum-value-update')).toBe('uri:enum-value-update');
    expect(kindUri('v1.0.5', 'no-such-kind')).toBeUndefined();
  });

  it('finds the canonical name of any profile’s URI', () => {
    expect(
      kindName(
        'https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0',
      ),
    ).toEqual({ profile: 'v1.0.5', name: 'docker-container' });
    expect(
      kindName(
        'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/compute/simple-compute-resource.yaml',
      ),
    ).toEqual({ profile: 'v1.0.7', name: 'simple-compute-resource' });
    expect(kindName('uri:integer-delta-option')).toEqual({
      profile: 'v1.0.7',
      name: 'integer-delta-option',
    });
    expect(kindName('https://example.org/unknown')).toBeUndefined();
    expect(
      kindNameIn(
        'v1.0.7',
        'https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0',
      ),
    ).toBeUndefined();
  });

  it.skipIf(!existsSync(UPSTREAM))(
    'agrees with the URIs the upstream schemas map (skipped: upstream absent)',
    () => {
      const v7 = readFileSync(
        `${UPSTREAM}/calycopis-openapi-1.0.7/schema/v1.0/components.yaml`,
        'utf8',
      );
      const v5 = readFileSync(
        `${UPSTREAM}/calycopis-openapi-1.0.5/schema/v1.0/components.yaml`,
        'utf8',
      );
      const v7costs = ['costs/abstract-cost-item.yaml', 'metrics/abstract-metric-item.yaml']
        .map((f) =>
          readFileSync(`${UPSTREAM}/calycopis-openapi-1.0.7/schema/v1.0/kinds/${f}`, 'utf8'),
        )
        .join('\n');
      for (const [name, uri] of Object.entries(getProfile('v1.0.7').kinds)) {
        expect(`${v7}\n${v7costs}`.includes(`"${uri}"`), `${name} ${uri}`).toBe(true);
      }
      for (const [name, uri] of Object.entries(getProfile('v1.0.5').kinds)) {
        expect(v5.includes(`"${uri}"`), `${name} ${uri}`).toBe(true);
      }
      const wd = readFileSync(`${UPSTREAM}/ivoa-std-2025/docs/schema/openapi.yaml`, 'utf8');
      for (const [name, uri] of Object.entries(getProfile('wd-2025').kinds)) {
        expect(wd.includes(`"${uri}"`), `${name} ${uri}`).toBe(true);
      }
    },
  );
});

describe('kind dispatch through the profile', () => {
  const request = (profile: ProfileName) => {
    const k = (name: KindName): string => kindUri(profile, name) ?? '';
    return {
      executable: { kind: k('docker-container'), image: { locations: ['ghcr.io/example/app:1'] } },
      compute: {
        kind: k('simple-compute-resource'),
        cores: { min: 2, max: 4 },
        volumes: [
          { kind: k('simple-volume-mount'), path: '/data', mode: 'READONLY', resource: 'in' },
        ],
      },
      storage: [{ kind: k('simple-storage-resource'), size: { min: 1 } }],
      data: (
        [
          'simple-data-resource',
          's3-data-resource',
          'rucio-data-resource',
          'ivoa-data-resource',
          'skao-data-resource',
        ] as const
      ).map((name) => ({ kind: k(name), meta: { name } })),
    };
  };

  for (const profile of ['v1.0.7', 'v1.0.5'] as const) {
    it(`accepts a request written with ${profile} URIs under ${profile}`, () => {
      expect(createValidator({ profile }).validate('ExecutionRequest', request(profile))).toEqual({
        valid: true,
        issues: [],
      });
    });

    it(`checks the concrete schema its ${profile} kind names`, () => {
      const doc = request(profile);
      (doc.compute.cores as { min: unknown }).min = 'two';
      (doc.data[1] as Record<string, unknown>).bucket = 7;
      const pointers = createValidator({ profile })
        .validate('ExecutionRequest', doc)
        .issues.map((i) => i.pointer);
      expect(pointers).toEqual(expect.arrayContaining(['/compute/cores/min', '/data/1/bucket']));
    });
  }

  it('rejects the other version’s URIs, naming the expected ones and the version they belong to', () => {
    const issues = createValidator({ profile: 'v1.0.7' }).validate(
      'ExecutionRequest',
      request('v1.0.5'),
    ).issues;
    const executable = issues.find((i) => i.pointer === '/executable/kind');
    expect(executable?.keyword).toBe('kind');
    expect(executable?.message).toContain(
      'unknown kind https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0 (expected one of ',
    );
    expect(executable?.message).toContain(kindUri('v1.0.7', 'jupyter-notebook'));
    expect(executable?.message).toContain('that is the v1.0.5 URI of docker-container');
    expect(issues.map((i) => i.pointer)).toEqual(
      expect.arrayContaining(['/compute/kind', '/storage/0/kind', '/data/4/kind']),
    );
  });

  it('dispatches sessions inside offer sets, and options and updates on their uri: kinds', () => {
    const v5 = createValidator({ profile: 'v1.0.5' });
    const session = {
      kind: kindUri('v1.0.5', 'scheduled-execution-session'),
      phase: 'OFFERED',
      schedule: { preparing: { start: 'soon' } },
      meta: { options: [{ kind: 'uri:enum-value-option', path: 'phase' }] },
    };
    const result = v5.validate('OfferSetResponse', { result: 'YES', offers: [session] });
    expect(result.issues.map((i) => i.pointer).sort()).toEqual([
      '/offers/0/meta/options/0/values',
      '/offers/0/schedule/preparing/start',
    ]);
  });

  it('reads the discriminator from `type` in the 2025 draft', () => {
    const wd = createValidator({ profile: 'wd-2025' });
    expect(
      wd.validate('Update', {
        update: { type: 'uri:string-value-update', path: 'name', value: 'x' },
      }).valid,
    ).toBe(true);
    const issues = wd.validate('Update', {
      update: { kind: 'uri:string-value-update', path: 'name', value: 'x' },
    }).issues;
    expect(issues.map((i) => i.pointer)).toEqual(['/update/type']);
  });
});
