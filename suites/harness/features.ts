// The optional features of the newest real brokers, beyond the standard (STANDARD.md section 8):
// authentication, log connectors, container labels. Their checks run only when the declaration
// says the broker has them. Absent or undeclared, they do not apply; the reason says which, and
// what to declare to have them checked.

import type { BrokerClient } from './client.ts';
import type { AuthScheme } from './declaration.ts';
import { notApplicable } from './requirement.ts';

const WHAT = {
  auth: { lacks: 'does not authenticate', declare: 'auth: basic' },
  connectors: { lacks: 'has no connectors', declare: 'connectors: true' },
  labels: { lacks: 'does not take labels', declare: 'labels: true' },
} as const;

type Feature = keyof typeof WHAT;

function absent(feature: Feature, declared: unknown): never {
  const { lacks, declare } = WHAT[feature];
  return notApplicable(
    declared === undefined
      ? `an optional feature beyond the standard, not declared: declare \`${declare}\` to have it checked`
      : `the declaration says the broker ${lacks} (declare \`${declare}\` if it does)`,
  );
}

/** The declared authentication scheme; ends the test NOT_APPLICABLE without one. */
export function requireAuth(client: BrokerClient): Exclude<AuthScheme, 'none'> {
  const auth = client.context.declaration.auth;
  if (auth === undefined || auth === 'none') absent('auth', auth);
  return auth;
}

/** Ends the test NOT_APPLICABLE unless the declaration says the broker has the feature. */
export function requireFeature(client: BrokerClient, feature: 'connectors' | 'labels'): void {
  const declared = client.context.declaration[feature];
  if (declared !== true) absent(feature, declared);
}
