// What the connectors tests share: a session's connectors, read by the log stream their kind
// names (suites/harness/connectors.ts), and the declaration's say on whether there are any.

import type { BrokerClient } from '../harness/client.ts';
import { connectorsOf as read, type Connector } from '../harness/connectors.ts';
import { requireFeature } from '../harness/features.ts';

export type { Connector, Stream } from '../harness/connectors.ts';

export function requireConnectors(client: BrokerClient): void {
  requireFeature(client, 'connectors');
}

/** A session's connectors, each with the log stream its kind names. */
export function connectorsOf(session: unknown, client: BrokerClient): Connector[] {
  return read(session, client.context.profile);
}
