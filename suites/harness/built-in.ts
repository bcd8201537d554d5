// Starting the built-in reference broker for a run. This is the one place the harness touches
// mock/: the CLI and the global setup start it here and from then on reach it only by its URL,
// like any other target.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startMockBroker } from '../../mock/index.ts';
import type { Declaration, ProfileName } from './context.ts';

export interface BuiltInBroker {
  url: string;
  /** A declaration file describing the broker's platform, for EB_DECLARE. */
  declarationFile: string;
  declaration: Declaration;
  close(): Promise<void>;
}

export interface BuiltInOptions {
  profile?: ProfileName;
  faults?: string[];
  /** Where the declaration is written (default: a fresh temporary folder). */
  dir?: string;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Starts the reference broker on 127.0.0.1, port 0, with a virtual clock the suites drive
 * through /_control, so expiry and lifecycle tests need no real waiting.
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
    const response = await fetch(`${broker.url}/_control/platform`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(5_000),
    });
    const platform = (await response.json()) as Record<string, unknown>;
    const totals = (platform.totals ?? platform.capacity ?? platform) as Record<string, unknown>;
    const capacity: NonNullable<Declaration['capacity']> = {};
    for (const key of ['cores', 'memory', 'storage'] as const) {
      const value = num(totals[key]);
      if (value !== undefined) capacity[key] = value;
    }
    if (Object.keys(capacity).length > 0) declaration.capacity = capacity;
    if (typeof platform.offerLifetime === 'string')
      declaration.offerLifetime = platform.offerLifetime;
  } catch {
    // An older broker without /_control/platform: the capacity checks then report INCONCLUSIVE.
  }
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'eb-conform-'));
  const declarationFile = join(dir, 'declaration.yaml');
  writeFileSync(declarationFile, stringify(declaration));
  return { url: broker.url, declarationFile, declaration, close: () => broker.close() };
}
