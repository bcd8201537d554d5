// A small HTTP client for the broker tests: undici's request with the answer parsed by its
// content type, and the kind URIs the tests send.
import { request } from 'undici';
import { parse as parseYaml } from 'yaml';
import { startMockBroker, type MockBroker, type MockOptions } from '../../mock/index.ts';

export const KIND = {
  docker:
    'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml',
  dockerV105: 'https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0',
  compute:
    'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/compute/simple-compute-resource.yaml',
  session:
    'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/session/scheduled-execution-session.yaml',
  sessionV105:
    'https://www.purl.org/ivoa.net/EB/schema/v1.0/types/session/scheduled-execution-session-1.0',
} as const;

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  // The tests read arbitrary fields of wire documents; `any` keeps those reads short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface Send {
  method?: string;
  body?: unknown;
  /** Raw body text or bytes, sent as is. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

export async function send(url: string, options: Send = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  let body: string | Buffer | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  headers.accept ??= 'application/json';
  const response = await request(url, {
    method: (options.method ?? (body === undefined ? 'GET' : 'POST')) as 'GET',
    headers,
    body,
  });
  const text = await response.body.text();
  const flat = Object.fromEntries(
    Object.entries(response.headers).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.join(', ') : String(value),
    ]),
  );
  const type = flat['content-type'] ?? '';
  let parsed: unknown;
  try {
    parsed =
      text === ''
        ? undefined
        : type.includes('json')
          ? JSON.parse(text)
          : type.includes('yaml')
            ? parseYaml(text)
            : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.statusCode, headers: flat, text, body: parsed };
}

export function dockerRequest(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    executable: { kind: KIND.docker, image: { locations: ['ghcr.io/eb-conform/hello:1'] } },
    compute: { kind: KIND.compute, cores: { min: 1, max: 2 }, memory: { min: 1, max: 2 } },
    ...extra,
  };
}

/** Starts a broker for one test and always closes it. */
export async function withBroker<T>(
  options: MockOptions,
  run: (broker: MockBroker) => Promise<T>,
): Promise<T> {
  const broker = await startMockBroker({ port: 0, host: '127.0.0.1', ...options });
  try {
    return await run(broker);
  } finally {
    await broker.close();
  }
}

/** Creates an offer set and returns its body (following the 303 by hand). */
export async function createOffers(
  base: string,
  request: unknown = dockerRequest(),
  path = '/requests',
): Promise<Answer> {
  const created = await send(`${base}${path}`, { body: request });
  if (created.status !== 303) return created;
  return send(created.headers.location!);
}
