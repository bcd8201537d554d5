// The options `check` and `proxy` share, read one way: the profile, the gate's level and the
// declaration of the broker.

import { loadDeclaration, type Declaration } from '../suites/harness/declaration.ts';

/** A bad option: the command prints it with its usage and exits 2. */
export class OptionError extends Error {
  override name = 'OptionError';
}

export interface TrafficOptions {
  /** Undefined: detect it from the traffic. */
  profile?: 'v1.0.7' | 'v1.0.5';
  failOn: 'must' | 'should';
  declaration: Declaration;
  declareFile?: string;
}

/** Reads --profile, --fail-on and --declare; a declared profile stands in for `auto`. */
export function trafficOptions(values: {
  profile?: string;
  'fail-on'?: string;
  declare?: string;
}): TrafficOptions {
  const profile = values.profile ?? 'auto';
  if (profile !== 'auto' && profile !== 'v1.0.7' && profile !== 'v1.0.5')
    throw new OptionError(`--profile must be v1.0.7, v1.0.5 or auto, got "${profile}"`);
  const failOn = values['fail-on'] ?? 'must';
  if (failOn !== 'must' && failOn !== 'should')
    throw new OptionError('--fail-on must be must or should');
  let declaration: Declaration = {};
  if (values.declare !== undefined) {
    try {
      declaration = loadDeclaration(values.declare);
    } catch (error) {
      throw new OptionError((error as Error).message);
    }
  }
  const chosen = profile === 'auto' ? declaration.profile : profile;
  return {
    ...(chosen === undefined ? {} : { profile: chosen }),
    failOn,
    declaration,
    ...(values.declare === undefined ? {} : { declareFile: values.declare }),
  };
}
