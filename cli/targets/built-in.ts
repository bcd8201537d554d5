// Starting the built-in reference broker as a run's target. The one place (with the vitest
// setup beside it) where running the suites meets mock/: from here on the suites reach the
// broker only by its URL, like any other target.

import { startMockBroker } from '../../mock/index.ts';
import type { Declaration, ProfileName } from '../../suites/harness/declaration.ts';

export interface BuiltInBroker {
  url: string;
  /** What the broker's platform is, as a declaration would say it. */
  declaration: Declaration;
  close(): Promise<void>;
}

export interface BuiltInOptions {
  profile?: ProfileName;
  faults?: string[];
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Starts the reference broker on 127.0.0.1, port 0, with a virtual clock the suites drive
 * through /_control, so expiry and lifecycle checks need no real waiting.
 */
export async function startBuiltIn(options: BuiltInOptions = {}): Promise<BuiltInBroker> {
  const profile = options.profile ?? 'v1.0.7';
  const broker = await startMockBroker({
    port: 0,
    host: '127.0.0.1',
    profile,
    clock: 'virtual',
    control: true,
    faults: options.faults ?? [],
  });
  const declaration: Declaration = { profile, direct: true, xml: false, controlClock: true };
  try {
    // The platform as the broker itself reports it: the one place its capacity is read.
    const response = await fetch(`${broker.url}/_control/platform`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(5_000),
    });
    const platform = (await response.json()) as Record<string, unknown>;
    const totals = (platform.totals ?? {}) as Record<string, unknown>;
    const capacity: NonNullable<Declaration['capacity']> = {};
    for (const key of ['cores', 'memory', 'storage'] as const) {
      const value = num(totals[key]);
      if (value !== undefined) capacity[key] = value;
    }
    if (Object.keys(capacity).length > 0) declaration.capacity = capacity;
    if (typeof platform.offerLifetime === 'string')
      declaration.offerLifetime = platform.offerLifetime;
  } catch (error) {
    await broker.close();
    throw new Error(`the built-in broker did not report its platform: ${(error as Error).message}`);
  }
  return { url: broker.url, declaration, close: () => broker.close() };
}
