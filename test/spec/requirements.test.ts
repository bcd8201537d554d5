// The requirement catalogue is well formed, and every source it cites exists: tex line ranges lie
// within ExecutionBroker.tex and schema ranges within the named upstream file.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  REQUIREMENT_LEVELS,
  getRequirement,
  loadRequirements,
  parseRequirements,
  parseSource,
  requirementClasses,
  UPSTREAM_DIR,
  hasUpstream,
} from '../../spec/index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UPSTREAM = UPSTREAM_DIR;
const TEX = `${UPSTREAM}/ivoa-std-2025/ExecutionBroker.tex`;
const upstreamPresent = hasUpstream();

/**
 * The behaviours of real brokers a `broker <name> <behaviour>` source may cite, each with where
 * it is seen (../shared/design/STANDARD.md section 8 digests the Calycopis broker's newest builds
 * and its own tests). A source naming anything else is a typo or an undocumented claim.
 */
const BROKER_BEHAVIOURS: Record<string, Record<string, string>> = {
  calycopis: {
    'basic-auth': 'writes need HTTP Basic credentials of a registered identity; none gives 401',
    'ownership-403': "one identity updating another identity's session gets 403",
    'docker-log-connectors':
      'a Docker session carries a stdout and a stderr connector, protocol HTTP',
    'connector-status':
      'connector status PREPARING (no location while offered), AVAILABLE, FINISHED',
    'log-endpoint': 'GET /sessions/{uuid}/docker/stdout-get (and stderr-get) answers text/plain',
    'labels-echoed': 'Docker container labels are echoed in every offer',
    'reserved-label': 'a label with the reserved prefix gets NO with a urn:reserved-label message',
  },
};

function lineCount(file: string): number {
  return readFileSync(file, 'utf8').split('\n').length;
}

describe('requirement catalogue', () => {
  const requirements = loadRequirements();

  it('has at least 40 entries with unique ids', () => {
    expect(requirements.length).toBeGreaterThanOrEqual(40);
    expect(new Set(requirements.map((r) => r.id)).size).toBe(requirements.length);
  });

  it('uses only known classes and levels, and every class has a requirement', () => {
    const classes = requirementClasses();
    expect(classes).toEqual(
      expect.arrayContaining([
        'schema',
        'offerset',
        'matching',
        'lifecycle',
        'expiry',
        'negotiation',
        'robustness',
        'capacity',
        'concurrency',
        'direct',
        'auth',
        'connectors',
        'labels',
      ]),
    );
    for (const r of requirements) {
      expect(classes, r.id).toContain(r.class);
      expect(REQUIREMENT_LEVELS, r.id).toContain(r.level);
    }
    for (const c of classes)
      expect(
        requirements.some((r) => r.class === c),
        c,
      ).toBe(true);
  });

  it('gives every entry a statement and a parseable source', () => {
    for (const r of requirements) {
      expect(r.statement.length, r.id).toBeGreaterThan(10);
      expect(parseSource(r.source).kind, `${r.id}: ${r.source}`).not.toBe('unknown');
    }
  });

  it('cites only the real-broker behaviours it documents', () => {
    for (const r of requirements) {
      const source = parseSource(r.source);
      if (source.kind !== 'broker') continue;
      expect(Object.keys(BROKER_BEHAVIOURS), r.id).toContain(source.broker);
      expect(Object.keys(BROKER_BEHAVIOURS[source.broker] ?? {}), r.id).toContain(source.behaviour);
    }
    // Every documented behaviour is the source of some requirement: none is listed for nothing.
    const cited = new Set(requirements.map((r) => r.source));
    for (const [broker, behaviours] of Object.entries(BROKER_BEHAVIOURS))
      for (const behaviour of Object.keys(behaviours))
        expect(cited, `${broker} ${behaviour}`).toContain(`broker ${broker} ${behaviour}`);
  });

  it('looks requirements up by id', () => {
    expect(getRequirement('/req/matching/cores-min')?.level).toBe('MUST');
    expect(getRequirement('/req/no/such/thing')).toBeUndefined();
  });

  it('names every requirement the fault catalogue relies on', async () => {
    const { FAULTS } = (await import('../../mock/faults.ts')) as {
      FAULTS: readonly { name: string; requirement: string }[];
    };
    for (const fault of FAULTS) expect(getRequirement(fault.requirement), fault.name).toBeDefined();
  });

  it('rejects a malformed catalogue with every problem listed', () => {
    const bad = `classes: { schema: x }
requirements:
  - { id: /req/a, class: schema, level: MUST, source: tex 1, statement: one }
  - { id: /req/a, class: nope, level: OFTEN, source: tex 2, statement: two }
  - { class: schema }
`;
    expect(() => parseRequirements(bad)).toThrow(
      /duplicate id[\s\S]*unknown class nope[\s\S]*unknown level OFTEN[\s\S]*entry 2: missing id/,
    );
  });

  it('parses the four source forms', () => {
    expect(parseSource('tex 631')).toEqual({ kind: 'tex', from: 631, to: 631 });
    expect(parseSource('schema v1.0.7 components.yaml 873-911')).toEqual({
      kind: 'schema',
      version: 'v1.0.7',
      file: 'components.yaml',
      from: 873,
      to: 911,
    });
    expect(parseSource('project docs/errors.md')).toEqual({
      kind: 'project',
      file: 'docs/errors.md',
    });
    expect(parseSource('broker calycopis basic-auth')).toEqual({
      kind: 'broker',
      broker: 'calycopis',
      behaviour: 'basic-auth',
    });
    expect(parseSource('broker Calycopis basic auth').kind).toBe('unknown');
  });

  it.skipIf(!upstreamPresent)(
    'cites tex and schema lines that exist upstream (skipped: ../shared/upstream absent)',
    () => {
      const texLines = lineCount(TEX);
      for (const r of requirements) {
        const source = parseSource(r.source);
        if (source.kind === 'tex') {
          expect(source.from, r.id).toBeGreaterThanOrEqual(1);
          expect(source.to, r.id).toBeGreaterThanOrEqual(source.from);
          expect(source.to, r.id).toBeLessThanOrEqual(texLines);
        } else if (source.kind === 'schema') {
          const file = `${UPSTREAM}/calycopis-openapi-${source.version.replace(/^v/, '')}/schema/v1.0/${source.file}`;
          expect(existsSync(file), `${r.id}: ${file}`).toBe(true);
          expect(source.to, r.id).toBeLessThanOrEqual(lineCount(file));
          expect(source.to, r.id).toBeGreaterThanOrEqual(source.from);
        }
      }
    },
  );

  it.skipIf(!upstreamPresent)(
    'cites tex ranges that contain the words they rest on (skipped: ../shared/upstream absent)',
    () => {
      const lines = readFileSync(TEX, 'utf8').split('\n');
      const text = (id: string): string => {
        const source = parseSource(getRequirement(id)?.source ?? '');
        return source.kind === 'tex' ? lines.slice(source.from - 1, source.to).join('\n') : '';
      };
      expect(text('/req/matching/cores-min')).toMatch(/MUST meet the minimum/);
      expect(text('/req/matching/cores-max')).toMatch(/SHOULD NOT offer more resources/);
      expect(text('/req/matching/start-in-window')).toMatch(/MUST all occur within/);
      expect(text('/req/matching/one-slot')).toMatch(/MUST NOT include more than one time slot/);
      expect(text('/req/lifecycle/accept-rejects-siblings')).toMatch(/REJECTED/);
      expect(text('/req/expiry/offer-expires')).toMatch(/EXPIRED/);
      expect(text('/req/offerset/unknown-kind-no')).toMatch(/reply \\codeword\{NO\}/);
      expect(text('/req/negotiation/yaml-default')).toMatch(/default is assumed to be \\yaml/);
    },
  );

  it('cites project files that exist, or are the documented conventions', () => {
    for (const r of requirements) {
      const source = parseSource(r.source);
      if (source.kind === 'project')
        expect(
          ['docs/errors.md', 'docs/INTERPRETING.md', 'spec/execution-broker.yaml'],
          r.id,
        ).toContain(source.file);
    }
    expect(existsSync(`${ROOT}spec/requirements.yaml`)).toBe(true);
  });
});
