// The first look at a target, before anything is created: does it answer at all, is it an
// ExecutionBroker, and which wire profile does it speak. A target that is not a broker (a web
// page, a wrong URL) stops the run at once with one line that says so, instead of sixty
// requirements failing for a reason nobody reads.

import { randomUUID } from 'node:crypto';
import type { Exchange } from '../../contract/result.ts';
import type { ProfileName } from '../harness/declaration.ts';

export interface FirstContact {
  /** False when nothing answered at all (refused, timed out, DNS). */
  reachable: boolean;
  /** True when the answers look like an ExecutionBroker's. */
  broker: boolean;
  /** One line for the user when the target is unreachable or not a broker. */
  problem?: string;
  /** The profile the create paths suggest (undefined when neither exists). */
  profile?: ProfileName;
  /** The probes, as exchanges for the report. */
  exchanges: Exchange[];
}

interface Probe {
  status?: number;
  type?: string;
  error?: string;
}

async function probe(
  method: string,
  url: string,
  timeoutMs: number,
  headers: Record<string, string>,
  exchanges: Exchange[],
): Promise<Probe> {
  const startedAt = new Date();
  const exchange: Exchange = {
    id: `probe-${exchanges.length + 1}`,
    startedAt: startedAt.toISOString(),
    durationMs: 0,
    request: { method, url, headers: { ...headers } },
  };
  exchanges.push(exchange);
  try {
    const response = await fetch(url, {
      method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.text()).slice(0, 4096);
    const type = response.headers.get('content-type') ?? undefined;
    exchange.response = {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      ...(text === '' ? {} : { body: text }),
    };
    return { status: response.status, ...(type === undefined ? {} : { type }) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    exchange.error = reason;
    return { error: reason };
  } finally {
    exchange.durationMs = Date.now() - startedAt.getTime();
  }
}

const isHtml = (probe: Probe): boolean => /^text\/html\b/i.test(probe.type ?? '');

/**
 * Whether a create path exists. Create paths take POST only, and some routers answer a GET on
 * such a path with 404 rather than 405, so a 404 is asked again with OPTIONS (which most
 * frameworks answer for any route they have) before the path counts as missing.
 */
async function createPath(
  url: string,
  timeoutMs: number,
  headers: Record<string, string>,
  exchanges: Exchange[],
): Promise<Probe> {
  const get = await probe('GET', url, timeoutMs, headers, exchanges);
  if (get.status !== 404) return get;
  const options = await probe('OPTIONS', url, timeoutMs, headers, exchanges);
  return options.status === undefined ? get : options;
}

/** Probes the target with GETs only: nothing is created. */
export async function firstContact(
  target: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<FirstContact> {
  const exchanges: Exchange[] = [];
  const root = await probe('GET', `${target}/`, timeoutMs, headers, exchanges);
  if (root.error !== undefined)
    return {
      reachable: false,
      broker: false,
      problem: `${target} did not answer: ${root.error}`,
      exchanges,
    };
  const requests = await createPath(`${target}/requests`, timeoutMs, headers, exchanges);
  const offersets = await createPath(`${target}/offersets`, timeoutMs, headers, exchanges);
  const session = await probe(
    'GET',
    `${target}/sessions/${randomUUID()}`,
    timeoutMs,
    headers,
    exchanges,
  );
  const answers = [root, requests, offersets, session].filter((p) => p.status !== undefined);
  const profile: ProfileName | undefined =
    requests.status !== undefined && requests.status !== 404
      ? 'v1.0.7'
      : offersets.status !== undefined && offersets.status !== 404
        ? 'v1.0.5'
        : undefined;
  const contact: FirstContact = { reachable: true, broker: true, exchanges };
  if (profile !== undefined) contact.profile = profile;
  if (answers.length > 0 && answers.every(isHtml)) {
    contact.broker = false;
    contact.problem = `${target} is not an ExecutionBroker: every answer is an HTML page`;
  } else if (profile === undefined) {
    contact.broker = false;
    contact.problem =
      `${target} is not an ExecutionBroker: neither create path exists ` +
      `(GET and OPTIONS /requests answered ${requests.status ?? requests.error}, /offersets ` +
      `${offersets.status ?? offersets.error})`;
  }
  return contact;
}
