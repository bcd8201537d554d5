// Where the upstream ExecutionBroker material lives: read-only reference data beside the project
// (../shared/upstream), or wherever EB_UPSTREAM points. Tools and tests that use it must cope
// with its absence.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const UPSTREAM_DIR =
  process.env.EB_UPSTREAM ?? fileURLToPath(new URL('../../shared/upstream', import.meta.url));

export function hasUpstream(): boolean {
  return existsSync(UPSTREAM_DIR);
}
