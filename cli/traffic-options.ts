// What `check` and `proxy` make of the options they share (parsed by cli/options/): the
// profile, the gate's level and the declaration of the broker, whose file is read here.

import { loadDeclaration, type Declaration } from '../suites/harness/declaration.ts';
import { OptionError } from './options/values.ts';
import type { RunOptions } from './options/table.ts';

export interface TrafficOptions {
  /** Undefined: detect it from the traffic. */
  profile?: 'v1.0.7' | 'v1.0.5';
  failOn: 'must' | 'should';
  declaration: Declaration;
  declareFile?: string;
}

/** --profile, --fail-on and --declare; a declared profile stands in for `auto`. */
export function trafficOptions(options: RunOptions): TrafficOptions {
  const profile = options.profile ?? 'auto';
  let declaration: Declaration = {};
  if (options.declare !== undefined) {
    try {
      declaration = loadDeclaration(options.declare);
    } catch (error) {
      throw new OptionError((error as Error).message);
    }
  }
  const chosen = profile === 'auto' ? declaration.profile : profile;
  return {
    ...(chosen === undefined ? {} : { profile: chosen }),
    failOn: options.failOn ?? 'must',
    declaration,
    ...(options.declare === undefined ? {} : { declareFile: options.declare }),
  };
}
