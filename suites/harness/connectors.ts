// Reading a session's connectors (STANDARD.md section 8: a Docker session's stdout and stderr
// logs over HTTP), each with the log stream its kind names, under either kind host.

import { connectorKindName } from '../../spec/index.ts';
import type { ProfileName } from './declaration.ts';
import { pick } from './offers.ts';

export type Stream = 'stdout' | 'stderr';

export interface Connector {
  index: number;
  stream: Stream | undefined;
  kind: unknown;
  status: unknown;
  protocol: unknown;
  location: unknown;
}

export function connectorsOf(session: unknown, profile: ProfileName): Connector[] {
  const list = pick(session, 'connectors');
  if (!Array.isArray(list)) return [];
  return list.map((item: unknown, index) => {
    const kind = pick(item, 'kind');
    const name = typeof kind === 'string' ? connectorKindName(kind, profile) : undefined;
    return {
      index,
      stream:
        name === undefined
          ? undefined
          : name === 'docker-container-stdout-get'
            ? 'stdout'
            : 'stderr',
      kind,
      status: pick(item, 'status'),
      protocol: pick(item, 'protocol'),
      location: pick(item, 'location'),
    };
  });
}
