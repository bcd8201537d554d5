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
  /** A plain-text body, written as text/plain whatever was negotiated (the log connectors). */
  text?: string;
  headers?: Record<string, string>;
}

export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** Who sent it, when the broker authenticates and the credentials were good; else undefined. */
  readonly identity: string | undefined;
  /** The parsed, sanitised request body (undefined when empty), or the error that stopped it. */
  body(): Promise<unknown>;
}

export interface AppContext {
  readonly broker: Broker;
  readonly render: RenderContext;
  readonly faults: FaultSet;
  readonly createStatus: 303 | 200;
  /** Whether a 303 to a create carries the OfferSet too. */
  readonly createBody: boolean;
  /** Broker milliseconds per real one: a Retry-After is given in real seconds. */
  readonly timeScale: number;
  /** Resolves after a short pause; the concurrency faults use it to let other requests in. */
  readonly pause: () => Promise<void>;
}

export type Handler = (context: AppContext, exchange: Exchange) => Promise<Reply | BrokerError>;

export interface Route {
  /** Path segments; a segment starting with ':' captures a parameter. */
  readonly segments: readonly string[];
  readonly methods: Readonly<Record<string, Handler>>;
  /** Answers plain text, so it skips the negotiation of Accept. */
  readonly text?: boolean;
  /** Answers without credentials even when reads need them (health). */
  readonly public?: boolean;
}
