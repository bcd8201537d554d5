// Reports are uploaded as CI artefacts and pasted into issues, so credentials never reach
// them. A header is secret when it always carries credentials (Authorization, Cookie...) or
// when its name looks like it does (X-Api-Key, X-Auth-Token...), which covers the headers a
// user adds with -H without having to know which ones they were.

import type { Exchange, RunResult } from '../contract/result.ts';

export const REDACTED = '[redacted]';

const ALWAYS_SECRET = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
const SECRET_LOOKING =
  /auth|token|secret|passw|credential|api-?key|access-?key|session-?id|signature|bearer|cookie/i;

export function isSecretName(name: string, extra: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  return (
    ALWAYS_SECRET.has(lower) ||
    SECRET_LOOKING.test(lower) ||
    extra.some((other) => other.toLowerCase() === lower)
  );
}

export function redactHeaders(
  headers: Record<string, string>,
  extra: readonly string[] = [],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      isSecretName(name, extra) ? REDACTED : value,
    ]),
  );
}

/** Query parameters such as ?token=... are credentials too. */
export function redactUrl(url: string, extra: readonly string[] = []): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  for (const name of [...parsed.searchParams.keys()]) {
    if (isSecretName(name, extra)) {
      parsed.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = '';
    parsed.password = '';
    changed = true;
  }
  return changed ? parsed.toString() : url;
}

export function redactExchange(exchange: Exchange, extra: readonly string[] = []): Exchange {
  return {
    ...exchange,
    request: {
      ...exchange.request,
      url: redactUrl(exchange.request.url, extra),
      headers: redactHeaders(exchange.request.headers, extra),
    },
    ...(exchange.response === undefined
      ? {}
      : {
          response: {
            ...exchange.response,
            headers: redactHeaders(exchange.response.headers, extra),
          },
        }),
  };
}

/** A copy of the result that is safe to publish; the input is left untouched. */
export function redactResult(result: RunResult, extra: readonly string[] = []): RunResult {
  return {
    ...result,
    target: redactUrl(result.target, extra),
    exchanges: result.exchanges.map((exchange) => redactExchange(exchange, extra)),
  };
}
