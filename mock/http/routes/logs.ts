// GET /sessions/{uuid}/docker/stdout-get (and stderr-get): a Docker session's simulated log, as
// plain text, once its connector is AVAILABLE.
import {
  LOG_STREAMS,
  hasConnectors,
  logLines,
  logReadable,
  connectorStatus,
} from '../../domain/connectors.ts';
import { brokerError } from '../errors.ts';
import type { Handler } from './types.ts';

export const getLog: Handler = async (context, exchange) => {
  const { broker, faults } = context;
  const uuid = exchange.params.uuid ?? '';
  const name = exchange.params.stream ?? '';
  const stream = LOG_STREAMS.find((candidate) => `${candidate}-get` === name);
  if (stream === undefined) return brokerError('no-such-route', { path: exchange.path });
  const session = broker.getSession(uuid);
  if (session === undefined) return brokerError('unknown-session', { uuid });
  if (!hasConnectors(session, faults)) return brokerError('no-connector', { uuid, stream });
  const phase = broker.phaseOf(session);
  if (!logReadable(phase, faults))
    return brokerError('connector-not-ready', {
      uuid,
      stream,
      status: connectorStatus(phase, faults),
    });
  const lines = logLines(session, stream, broker.now(), broker.timings);
  return { status: 200, text: lines.map((line) => `${line}\n`).join('') };
};
