// spec/execution-broker.yaml is a sound OpenAPI 3.1 document: it passes the structural check
// (compact meta-schema, $refs, patterns, path parameters), describes the operations and error
// responses the project promises, and its kind maps agree with the profiles.

import { describe, expect, it } from 'vitest';
import { KIND_NAMES, checkOpenApiStructure, loadSpec, type JsonObject } from '../../spec/index.ts';

const spec = loadSpec();
const doc = spec.document;
const schemas = (doc.components as { schemas: Record<string, JsonObject> }).schemas;
const paths = doc.paths as Record<string, Record<string, JsonObject>>;

describe('spec/execution-broker.yaml', () => {
  it('loads as a single file with nothing to repair', () => {
    expect(spec.warnings).toEqual([]);
    expect(spec.files).toHaveLength(1);
    expect(spec.specHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('passes the OpenAPI 3.1 structural check', () => {
    expect(checkOpenApiStructure(doc)).toEqual([]);
  });

  it('describes the v1.0.7 operations', () => {
    expect(Object.keys(paths).sort()).toEqual([
      '/direct',
      '/offersets/{uuid}',
      '/requests',
      '/sessions/{uuid}',
    ]);
    expect(paths['/requests']?.post?.responses).toHaveProperty('303');
    expect(paths['/requests']?.post?.responses).toHaveProperty('200');
    expect(paths['/sessions/{uuid}']?.get).toBeDefined();
    expect(paths['/sessions/{uuid}']?.post).toBeDefined();
    expect(paths['/offersets/{uuid}']?.get).toBeDefined();
  });

  it('documents every error status with the one ErrorResponse shape', () => {
    const statuses = new Set<string>();
    const responses = (doc.components as { responses: Record<string, JsonObject> }).responses;
    for (const item of Object.values(paths)) {
      for (const op of Object.values(item)) {
        for (const [status, response] of Object.entries(
          (op.responses ?? {}) as Record<string, JsonObject>,
        )) {
          if (!status.startsWith('4')) continue;
          statuses.add(status);
          const name = String(response.$ref).split('/').pop() ?? '';
          const content = (responses[name]?.content ?? {}) as Record<
            string,
            { schema: { $ref: string } }
          >;
          expect(Object.keys(content).length, `${status} ${name}`).toBeGreaterThan(0);
          for (const media of Object.values(content))
            expect(media.schema.$ref).toBe('#/components/schemas/ErrorResponse');
        }
      }
    }
    expect([...statuses].sort()).toEqual(['400', '401', '404', '405', '406', '409', '413', '415']);
  });

  it('has every schema the contracts name', () => {
    for (const name of [
      'ExecutionRequest',
      'OfferSetResponse',
      'ExecutionSession',
      'SimpleExecutionSession',
      'ScheduledExecutionSession',
      'Update',
      'Option',
      'MessageItem',
      'ComponentMetadata',
      'ErrorResponse',
      'DockerContainer',
      'JupyterNotebook',
      'SingularityContainer',
      'SimpleComputeResource',
      'SimpleVolumeMount',
      'SimpleStorageResource',
      'SimpleDataResource',
      'S3DataResource',
      'RucioDataResource',
      'IvoaDataResource',
      'SkaoDataResource',
      'SimpleMinMaxFloatCost',
      'SimpleMinMaxFloatMetric',
      'ISO8601Instant',
      'ISO8601Duration',
      'ISO8601Interval',
      'LifecycleSchedule',
      'SessionConnector',
    ]) {
      expect(schemas, name).toHaveProperty(name);
    }
  });

  it('maps every canonical kind name in exactly one x-eb-kinds map', () => {
    const seen: string[] = [];
    for (const schema of Object.values(schemas)) {
      if (schema['x-eb-kinds'] !== undefined)
        seen.push(...Object.keys(schema['x-eb-kinds'] as object));
    }
    expect(seen.sort()).toEqual([...KIND_NAMES].sort());
  });

  it('keeps ExecutionRequest permissive: no required members, no kind enums', () => {
    expect(schemas.ExecutionRequest?.required).toBeUndefined();
    expect(JSON.stringify(doc)).not.toMatch(/"enum":\["https?:/);
  });

  it('has ISO 8601 patterns that accept the standard forms and reject near misses', () => {
    const re = (name: string): RegExp => new RegExp(String(schemas[name]?.pattern), 'u');
    const instant = re('ISO8601Instant');
    const duration = re('ISO8601Duration');
    const interval = re('ISO8601Interval');
    for (const ok of [
      '2025-06-01T12:00:00Z',
      '2025-06-01T12:00:00.5+01:00',
      '2025-12-31T23:59:59-0530',
    ])
      expect(instant.test(ok), ok).toBe(true);
    for (const bad of [
      '2025-06-01T12:00:00',
      '2025-13-01T12:00:00Z',
      '2025-06-01T12:00:00Zjunk',
      '2025-06-01 12:00:00Z',
    ])
      expect(instant.test(bad), bad).toBe(false);
    for (const ok of ['PT2H', 'P1D', 'P1DT30M', 'PT0.5S', 'P2W', 'PT0S'])
      expect(duration.test(ok), ok).toBe(true);
    for (const bad of ['P', 'PT', 'P1DT', '-PT1H', 'PT1.H', '2H', 'pt2h'])
      expect(duration.test(bad), bad).toBe(false);
    for (const ok of [
      '2025-06-01T12:00:00Z/2025-06-01T13:00:00Z',
      '2025-06-01T12:00Z/PT30M',
      'PT2H/2025-06-01',
      '2025-06-01/2025-06-02',
    ])
      expect(interval.test(ok), ok).toBe(true);
    for (const bad of [
      '2025-06-01T12:00:00Z',
      'PT1H/PT2H',
      '2025-06-01/',
      '/PT1H',
      '2025-06-01T25:00Z/PT1H',
    ])
      expect(interval.test(bad), bad).toBe(false);
  });
});

describe('checkOpenApiStructure', () => {
  it('reports broken refs, bad patterns, undeclared path parameters and duplicate operationIds', () => {
    const broken = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a/{id}': {
          get: {
            operationId: 'x',
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } },
              },
            },
          },
        },
        '/b': { get: { operationId: 'x', responses: { '200': { description: 'ok' } } } },
      },
      components: { schemas: { P: { type: 'string', pattern: '(?>a)' } } },
    };
    const messages = checkOpenApiStructure(broken).map((p) => `${p.pointer} ${p.message}`);
    expect(
      messages.some((m) => m.includes('$ref #/components/schemas/Nope does not resolve')),
    ).toBe(true);
    expect(
      messages.some((m) => m.includes('/components/schemas/P/pattern pattern does not compile')),
    ).toBe(true);
    expect(messages.some((m) => m.includes('path parameter {id} is not declared'))).toBe(true);
    expect(messages.some((m) => m.includes('operationId x is also used'))).toBe(true);
  });

  it('reports a document that is not OpenAPI 3.1 at all', () => {
    expect(checkOpenApiStructure({ swagger: '2.0' }).length).toBeGreaterThan(0);
    expect(
      checkOpenApiStructure({
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: {},
      }).map((p) => p.pointer),
    ).toContain('/openapi');
    expect(checkOpenApiStructure('not even an object').length).toBeGreaterThan(0);
  });
});
