// Schema-driven ExecutionRequest bodies from json-schema-faker, for the branches the
// hand-written generators do not reach (every optional member, odd but schema-valid values).
// fast-check draws the faker's seed and shrinks towards smaller seeds, which is all that can be
// asked of an opaque generator. The faker also reads the clock for some formats, so the same
// seed need not give the same body: a failure is reported with the body itself.

import fc from 'fast-check';
import { JSONSchemaFaker, type Schema } from 'json-schema-faker';
import { loadSpec } from '../../spec/index.ts';
import type { JsonObject } from './types.ts';

export interface FakerConstraints {
  /** Schema name in components.schemas (default ExecutionRequest). */
  schema?: string;
  maxItems?: number;
}

let components: unknown;

function specComponents(): unknown {
  components ??= loadSpec(undefined, { normalisePatterns: true }).document.components;
  return components;
}

/** A small, fast, seedable PRNG (mulberry32), so each seed gives the same document. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fakeDocument(seed: number, constraints: FakerConstraints = {}): JsonObject {
  JSONSchemaFaker.option({
    random: seeded(seed),
    alwaysFakeOptionals: false,
    optionalsProbability: 0.7,
    maxItems: constraints.maxItems ?? 2,
    maxLength: 24,
    refDepthMax: 4,
    failOnInvalidTypes: false,
    failOnInvalidFormat: false,
    ignoreMissingRefs: true,
  });
  const root = {
    $ref: `#/components/schemas/${constraints.schema ?? 'ExecutionRequest'}`,
    components: specComponents(),
  } as unknown as Schema;
  try {
    const value = JSONSchemaFaker.generate(root);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : { value: value as JsonObject[string] };
  } catch (error) {
    // A schema construct the faker cannot handle still yields a body: the error's text, which
    // a broker must refuse cleanly like any other odd input.
    return { unfakeable: (error as Error).message.slice(0, 200) };
  }
}

export function fakerRequestArbitrary(
  constraints: FakerConstraints = {},
): fc.Arbitrary<JsonObject> {
  return fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((seed) => fakeDocument(seed, constraints));
}
