// The spec/ part is written in parallel with the tools; reach it lazily and by URL so the
// tools keep working (with their own fallbacks) while spec/index.ts does not exist yet.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PatternNormaliser } from './patterns.ts';
import { normalisePatternLocally } from './patterns.ts';

export interface BridgedIssue {
  pointer: string;
  message: string;
  keyword: string;
}

export interface BridgedValidator {
  validate(type: string, document: unknown): { valid: boolean; issues: BridgedIssue[] };
}

/** The parts of spec/index.ts the tools use (see docs/CONTRACTS.md). */
export interface SpecModule {
  normalisePattern?: PatternNormaliser;
  loadSpec?: (path?: string) => unknown;
  createValidator?: (options: { profile?: string; spec?: unknown }) => BridgedValidator;
}

const SPEC_INDEX = new URL('../spec/index.ts', import.meta.url);

let cached: Promise<SpecModule | undefined> | undefined;

export function loadSpecModule(): Promise<SpecModule | undefined> {
  cached ??= (async () => {
    if (!existsSync(fileURLToPath(SPEC_INDEX))) return undefined;
    try {
      return (await import(SPEC_INDEX.href)) as SpecModule;
    } catch {
      return undefined; // a half-written spec/ must not take the tools down with it
    }
  })();
  return cached;
}

/** spec/'s normalisePattern when it is there, this folder's own otherwise. */
export async function patternNormaliser(): Promise<PatternNormaliser> {
  const spec = await loadSpecModule();
  const theirs = spec?.normalisePattern;
  if (typeof theirs !== 'function') return normalisePatternLocally;
  return (pattern) => {
    try {
      return theirs(pattern);
    } catch {
      return normalisePatternLocally(pattern);
    }
  };
}

/** The project's own spec file, where the spec engineer keeps it. */
export const PROJECT_SPEC = fileURLToPath(
  new URL('../spec/execution-broker.yaml', import.meta.url),
);
