// The hostile requests the robustness suite sends: malformed and mistyped bodies, bodies that
// attack parsers, wrong media types, unknown identifiers and odd paths. Each is a plain value
// so a failure report can show exactly what was sent.

import { randomUUID } from 'node:crypto';
import type { BrokerClient } from '../harness/client.ts';

export interface Hostile {
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** A malformed body (as opposed to a hostile path or header): 400 is the expected answer. */
  malformed?: boolean;
}

const JSON_TYPE = { 'content-type': 'application/json', accept: 'application/json' };
const YAML_TYPE = { 'content-type': 'application/yaml', accept: 'application/json' };

function deepJson(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

const YAML_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  ...'bcdefghi'.split('').map(
    (c, i) =>
      `${c}: &${c} [${Array(9)
        .fill(`*${String.fromCharCode(97 + i)}`)
        .join(',')}]`,
  ),
].join('\n');

export function malformedBodies(client: BrokerClient): Hostile[] {
  const create = client.paths.create;
  const cases: [string, Record<string, string>, string][] = [
    ['truncated JSON', JSON_TYPE, '{"executable": {"kind": '],
    ['JSON with a trailing comma', JSON_TYPE, '{"compute": {},}'],
    ['not JSON at all', JSON_TYPE, 'hello broker'],
    ['a JSON array instead of an object', JSON_TYPE, '[1, 2, 3]'],
    ['a JSON string instead of an object', JSON_TYPE, '"run this"'],
    ['JSON null', JSON_TYPE, 'null'],
    ['compute as a string', JSON_TYPE, '{"compute": "lots"}'],
    ['malformed YAML', YAML_TYPE, 'compute: [unclosed\n  - : :'],
    ['a YAML list instead of a mapping', YAML_TYPE, '- one\n- two'],
    ['an empty JSON body', JSON_TYPE, ''],
  ];
  return cases.map(([name, headers, body]) => ({
    name,
    method: 'POST',
    path: create,
    headers,
    body,
    malformed: true,
  }));
}

export function hostileRequests(client: BrokerClient): Hostile[] {
  const create = client.paths.create;
  const unknown = randomUUID();
  return [
    ...malformedBodies(client),
    {
      name: 'JSON nested 10000 deep',
      method: 'POST',
      path: create,
      headers: JSON_TYPE,
      body: deepJson(10_000),
    },
    {
      name: 'a YAML alias bomb',
      method: 'POST',
      path: create,
      headers: YAML_TYPE,
      body: YAML_BOMB,
    },
    {
      name: 'a YAML custom tag',
      method: 'POST',
      path: create,
      headers: YAML_TYPE,
      body: 'compute: !!js/function "function () {}"',
    },
    {
      name: 'a 1 MB string',
      method: 'POST',
      path: create,
      headers: JSON_TYPE,
      body: JSON.stringify({ executable: { meta: { name: 'x'.repeat(1_000_000) } } }),
    },
    {
      name: 'huge numbers',
      method: 'POST',
      path: create,
      headers: JSON_TYPE,
      body: '{"compute": {"cores": {"min": 1e308, "max": 1e400}, "memory": {"min": -0}}}',
    },
    {
      name: '__proto__ pollution',
      method: 'POST',
      path: create,
      headers: JSON_TYPE,
      body: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}',
    },
    {
      name: 'invalid UTF-8',
      method: 'POST',
      path: create,
      headers: JSON_TYPE,
      body: Buffer.from([
        0x7b, 0x22, 0x63, 0x6f, 0x6d, 0x70, 0x75, 0x74, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3,
        0x28, 0x22, 0x7d,
      ]),
    },
    {
      name: 'control characters',
      method: 'POST',
      path: create,
      headers: JSON_TYPE,
      body: '{"executable": {"meta": {"name": "\\u0000\\u0007\\u001b[2J"}}}',
    },
    {
      name: 'no Content-Type',
      method: 'POST',
      path: create,
      headers: { accept: 'application/json' },
      body: '{}',
    },
    {
      name: 'a bogus Content-Type',
      method: 'POST',
      path: create,
      headers: { 'content-type': ';;;=', accept: 'application/json' },
      body: '{}',
    },
    {
      name: 'a bogus Accept',
      method: 'POST',
      path: create,
      headers: { 'content-type': 'application/json', accept: ';q=abc,,,' },
      body: '{}',
    },
    {
      name: 'GET of an unknown offerset',
      method: 'GET',
      path: client.paths.offerset(unknown),
      headers: { accept: 'application/json' },
    },
    {
      name: 'GET of an unknown session',
      method: 'GET',
      path: client.paths.session(unknown),
      headers: { accept: 'application/json' },
    },
    {
      name: 'an update of an unknown session',
      method: 'POST',
      path: client.paths.session(unknown),
      headers: JSON_TYPE,
      body: '{"path": "phase", "value": "ACCEPTED"}',
    },
    {
      name: 'a uuid that is not a uuid',
      method: 'GET',
      path: client.paths.session('not-a-uuid'),
      headers: { accept: 'application/json' },
    },
    {
      name: 'path traversal',
      method: 'GET',
      path: `${client.paths.offerset('..%2F..%2Fetc%2Fpasswd')}`,
      headers: { accept: 'application/json' },
    },
    {
      name: 'a very long uuid',
      method: 'GET',
      path: client.paths.session('a'.repeat(8000)),
      headers: { accept: 'application/json' },
    },
    {
      name: 'DELETE of the create path',
      method: 'DELETE',
      path: create,
      headers: { accept: 'application/json' },
    },
    {
      name: 'PUT of an unknown session',
      method: 'PUT',
      path: client.paths.session(unknown),
      headers: JSON_TYPE,
      body: '{}',
    },
    {
      name: 'an update with a garbage body',
      method: 'POST',
      path: client.paths.session(unknown),
      headers: JSON_TYPE,
      body: '{{{{',
    },
  ];
}
