// The settings every rule reads, built once per judge: the profile's validator (compiled once
// per profile and spec, it is the slow part), the update path, and the time tolerances.

import { createValidator, loadSpec, type Validator } from '../../spec/index.ts';
import { durationMs } from '../history/time.ts';
import type { Capacity } from '../history/trace.ts';
import type { ProfileName, RuleContext } from '../rules/types.ts';

export const DEFAULT_SKEW_MS = 1000;
export const DEFAULT_EXPIRY_GRACE = 'PT10S';

const validators = new Map<string, Validator>();

/** The validator for a profile (and, optionally, another OpenAPI file than the project's). */
export function validatorFor(profile: ProfileName, specFile?: string): Validator {
  const key = `${profile}\u0000${specFile ?? ''}`;
  let validator = validators.get(key);
  if (validator === undefined) {
    validator = createValidator(
      specFile === undefined || specFile === ''
        ? { profile }
        : { profile, spec: loadSpec(specFile) },
    );
    validators.set(key, validator);
  }
  return validator;
}

/** A validator compiled on first use: trace rules never validate, and compiling is the slow part. */
function lazyValidator(profile: ProfileName, specFile?: string): Validator {
  let real: Validator | undefined;
  const get = (): Validator => (real ??= validatorFor(profile, specFile));
  return {
    get profile() {
      return get().profile;
    },
    get spec() {
      return get().spec;
    },
    validate: (type, doc) => get().validate(type, doc),
    types: () => get().types(),
  };
}

export interface ContextOptions {
  profile: ProfileName;
  updatePath?: string;
  skewMs?: number;
  /** ISO 8601 duration (the declaration's expiryGrace). */
  expiryGrace?: string;
  capacity?: Capacity;
  spec?: string;
}

export function ruleContext(options: ContextOptions): RuleContext {
  return {
    profile: options.profile,
    validator: lazyValidator(options.profile, options.spec),
    updatePath: options.updatePath ?? 'phase',
    skewMs: options.skewMs ?? DEFAULT_SKEW_MS,
    expiryGraceMs: durationMs(options.expiryGrace ?? DEFAULT_EXPIRY_GRACE) ?? 10_000,
    ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
  };
}
