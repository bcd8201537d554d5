// Kind URIs under another host: the v1.0.x profiles allow www.purl.org and w3id.org (the
// Calycopis authors plan to move), the same path naming the same kind; other hosts, and the
// draft profile, are not widened. Connector kinds follow the same rule.
import { describe, expect, it } from 'vitest';
import {
  connectorKindName,
  connectorKindUri,
  createValidator,
  getProfile,
  kindName,
  kindNameIn,
  kindUri,
} from '../../spec/index.ts';

const PURL_DOCKER =
  'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml';
const W3ID_DOCKER = PURL_DOCKER.replace('www.purl.org', 'w3id.org');

describe('kind hosts', () => {
  it('are www.purl.org then w3id.org for the v1.0.x profiles, none for the draft', () => {
    expect(getProfile('v1.0.7').kindHosts).toEqual(['www.purl.org', 'w3id.org']);
    expect(getProfile('v1.0.5').kindHosts).toEqual(['www.purl.org', 'w3id.org']);
    expect(getProfile('wd-2025').kindHosts).toEqual([]);
  });

  it('spell a kind under the host asked for, where the profile allows it', () => {
    expect(kindUri('v1.0.7', 'docker-container', 'w3id.org')).toBe(W3ID_DOCKER);
    expect(kindUri('v1.0.7', 'docker-container', 'W3ID.org')).toBe(W3ID_DOCKER);
    expect(kindUri('v1.0.7', 'docker-container', 'www.purl.org')).toBe(PURL_DOCKER);
    expect(kindUri('v1.0.7', 'docker-container', 'example.org')).toBe(PURL_DOCKER);
    expect(kindUri('v1.0.7', 'enum-value-update', 'w3id.org')).toBe('uri:enum-value-update');
    expect(kindUri('v1.0.5', 'docker-container', 'w3id.org')).toBe(
      'https://w3id.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0',
    );
  });

  it('read a kind under either host as the same kind', () => {
    expect(kindNameIn('v1.0.7', W3ID_DOCKER)).toBe('docker-container');
    expect(kindName(W3ID_DOCKER)).toEqual({ profile: 'v1.0.7', name: 'docker-container' });
    expect(kindNameIn('v1.0.7', PURL_DOCKER.replace('www.purl.org', 'example.org'))).toBe(
      undefined,
    );
    expect(kindNameIn('v1.0.7', W3ID_DOCKER.replace('kinds', 'types'))).toBeUndefined();
  });

  it('let documents under w3id.org validate', () => {
    const validator = createValidator({ profile: 'v1.0.7' });
    const compute = kindUri('v1.0.7', 'simple-compute-resource', 'w3id.org')!;
    const good = validator.validate('ExecutionRequest', {
      executable: { kind: W3ID_DOCKER },
      compute: { kind: compute, cores: { min: 1 } },
    });
    expect(good.issues).toEqual([]);
    const bad = validator.validate('ExecutionRequest', {
      executable: { kind: W3ID_DOCKER.replace('w3id.org', 'example.org') },
    });
    expect(bad.valid).toBe(false);
  });

  it('apply to connector kinds, which only the v1.0.7 profile maps', () => {
    const stdout = connectorKindUri('v1.0.7', 'docker-container-stdout-get')!;
    expect(stdout).toBe(
      'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container-stdout-get.yaml',
    );
    expect(connectorKindUri('v1.0.5', 'docker-container-stdout-get')).toBeUndefined();
    const w3id = connectorKindUri('v1.0.7', 'docker-container-stderr-get', 'w3id.org')!;
    expect(w3id.startsWith('https://w3id.org/')).toBe(true);
    expect(connectorKindName(stdout)).toBe('docker-container-stdout-get');
    expect(connectorKindName(w3id, 'v1.0.5')).toBe('docker-container-stderr-get');
    expect(connectorKindName(PURL_DOCKER)).toBeUndefined();
  });
});
