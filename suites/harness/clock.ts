// Waiting for a broker to do something by itself (expire an offer, progress a session). On
// the built-in broker the control clock is advanced instead of waiting; elsewhere the test
// polls, bounded by EB_MAX_WAIT_MS, and a wait that runs out is the caller's INCONCLUSIVE.

import { BrokerClient } from './client.ts';
import { targetContext } from './context.ts';

/** Advances the built-in broker's clock; false when the target has no control clock. */
export async function advance(seconds: number, client = new BrokerClient()): Promise<boolean> {
  if (!targetContext().control) return false;
  const reply = await client.raw('POST', '/_control/advance', {
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ seconds }),
  });
  return reply.status === 200;
}

/** The broker's idea of now (control clock), else the local clock. */
export async function brokerNow(client = new BrokerClient()): Promise<number> {
  if (targetContext().control) {
    const reply = await client.raw('GET', '/_control/clock', {
      headers: { accept: 'application/json' },
    });
    const now = (reply.body as { now?: unknown } | undefined)?.now;
    const ms = typeof now === 'string' ? Date.parse(now) : typeof now === 'number' ? now : NaN;
    if (Number.isFinite(ms)) return ms;
  }
  return Date.now();
}

/** Polls until the condition holds or the time runs out; returns whether it held. */
export async function waitFor(
  condition: () => Promise<boolean>,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? targetContext().maxWaitMs);
  const pollMs = options.pollMs ?? 200;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
