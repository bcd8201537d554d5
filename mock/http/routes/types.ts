// What a route handler gets and gives back. Handlers never touch the response object: they
// return a reply (or a named error) and the app writes it, so every body goes through one
// renderer and every error through one template table.
import type { Broker } from '../../domain/broker.ts';
import type { FaultSet } from '../../domain/faults.ts';
import type { BrokerError } from '../errors.ts';
import type { RenderContext } from '../render.ts';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** The parsed, sanitised request body (undefined when empty), or the error that stopped it. */
  body(): Promise<unknown>;
}

export interface AppContext {
  readonly broker: Broker;
  readonly render: RenderContext;
  readonly faults: FaultSet;
  readonly createStatus: 303 | 200;
  /** Resolves after a short pause; the concurrency faults use it to let other requests in. */
  readonly pause: () => Promise<void>;
}

export type Handler = (context: AppContext, exchange: Exchange) => Promise<Reply | BrokerError>;

export interface Route {
  /** Path segments; a segment starting with ':' captures a parameter. */
  readonly segments: readonly string[];
  readonly methods: Readonly<Record<string, Handler>>;
}
