// What the operator of a target tells the suite about it (the --declare file, or a target's
// inline `declaration` in eb-conform.yaml). The suite cannot find these out by itself; every
// field is optional, and a field it does not know is an error, so a typo never passes silently.

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { isWireProfile, parseDuration, type WireProfileName } from '../../spec/index.ts';

/** The wire profiles a broker can serve (spec/profiles.ts). */
export type ProfileName = WireProfileName;

/** How the target authenticates writes (STANDARD.md section 8: HTTP Basic on real brokers). */
export type AuthScheme = 'none' | 'basic' | 'bearer';

export interface Declaration {
  profile?: ProfileName;
  /** The `path` an update names to change a session's phase (default `phase`). */
  updatePath?: string;
  /** Platform totals, needed by the capacity checks; cores in cores, memory and storage in GiB. */
  capacity?: { cores?: number; memory?: number; storage?: number };
  /** How long a fresh offer lives, as an ISO 8601 duration. */
  offerLifetime?: string;
  /**
   * How long after its `expires` instant an offer may still read OFFERED (ISO 8601 duration,
   * default PT10S): real brokers expire offers by polling, the Java broker every 5 s.
   */
  expiryGrace?: string;
  /** Whether the target implements direct execution. */
  direct?: boolean;
  /** Whether the target speaks XML (optional in the standard). */
  xml?: boolean;
  /** Whether the target exposes the reference broker's /_control clock endpoints. */
  controlClock?: boolean;
  /** Authentication of writes: absent or `none` makes the auth class NOT_APPLICABLE. */
  auth?: AuthScheme;
  /** Whether Docker sessions carry stdout/stderr connectors. */
  connectors?: boolean;
  /** Whether Docker container labels are supported (echoed, reserved prefix refused). */
  labels?: boolean;
  /** The label prefix the broker reserves for itself (default `calycopis-broker-`). */
  reservedLabelPrefix?: string;
  /**
   * The host of the kind URIs the target uses, e.g. `www.purl.org` (default) or `w3id.org`:
   * the Java broker's authors plan to move their kinds from purl.org to w3id.org.
   */
  kindHost?: string;
}

export class DeclarationError extends Error {
  override name = 'DeclarationError';
}

export const DECLARATION_DEFAULTS = {
  updatePath: 'phase',
  expiryGrace: 'PT10S',
  reservedLabelPrefix: 'calycopis-broker-',
  kindHost: 'www.purl.org',
} as const;

/** Every field a declaration may hold, for error messages and the config file's schema. */
export const DECLARATION_FIELDS = [
  'profile',
  'updatePath',
  'capacity',
  'offerLifetime',
  'expiryGrace',
  'direct',
  'xml',
  'controlClock',
  'auth',
  'connectors',
  'labels',
  'reservedLabelPrefix',
  'kindHost',
] as const;

export const isProfileName = isWireProfile;

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/** Reads and checks a declaration file; every problem is reported, none is guessed around. */
export function loadDeclaration(file: string): Declaration {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DeclarationError(`cannot read declaration ${file}: ${(error as Error).message}`);
  }
  return checkDeclaration(doc ?? {}, file);
}

function checkText(
  input: Record<string, unknown>,
  key: 'updatePath' | 'reservedLabelPrefix',
  out: Declaration,
  problems: string[],
): void {
  const value = input[key];
  if (value === undefined) return;
  if (typeof value === 'string' && value !== '') out[key] = value;
  else problems.push(`${key} must be a non-empty string`);
}

function checkDuration(
  input: Record<string, unknown>,
  key: 'offerLifetime' | 'expiryGrace',
  out: Declaration,
  problems: string[],
): void {
  const value = input[key];
  if (value === undefined) return;
  if (typeof value === 'string' && parseDuration(value) !== undefined) out[key] = value;
  else problems.push(`${key} must be an ISO 8601 duration such as PT5M`);
}

function checkCapacity(value: unknown, out: Declaration, problems: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('capacity must be a mapping of cores, memory, storage');
    return;
  }
  out.capacity = {};
  for (const [key, amount] of Object.entries(value)) {
    if (key !== 'cores' && key !== 'memory' && key !== 'storage')
      problems.push(`unknown capacity field "${key}"`);
    else if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      problems.push(`capacity.${key} must be a non-negative number`);
    } else out.capacity[key] = amount;
  }
}

export function checkDeclaration(doc: unknown, origin = 'declaration'): Declaration {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new DeclarationError(`${origin}: expected a mapping`);
  }
  const input = doc as Record<string, unknown>;
  const problems: string[] = [];
  const out: Declaration = {};
  const known: ReadonlySet<string> = new Set(DECLARATION_FIELDS);
  for (const key of Object.keys(input))
    if (!known.has(key)) problems.push(`unknown field "${key}"`);
  if (input.profile !== undefined) {
    if (isProfileName(input.profile)) out.profile = input.profile;
    else problems.push('profile must be v1.0.7 or v1.0.5');
  }
  checkText(input, 'updatePath', out, problems);
  checkText(input, 'reservedLabelPrefix', out, problems);
  checkDuration(input, 'offerLifetime', out, problems);
  checkDuration(input, 'expiryGrace', out, problems);
  for (const flag of ['direct', 'xml', 'controlClock', 'connectors', 'labels'] as const) {
    const value = input[flag];
    if (value === undefined) continue;
    if (typeof value === 'boolean') out[flag] = value;
    else problems.push(`${flag} must be true or false`);
  }
  if (input.auth !== undefined) {
    if (input.auth === 'none' || input.auth === 'basic' || input.auth === 'bearer')
      out.auth = input.auth;
    else problems.push('auth must be none, basic or bearer');
  }
  if (input.kindHost !== undefined) {
    if (typeof input.kindHost === 'string' && HOST.test(input.kindHost))
      out.kindHost = input.kindHost.toLowerCase();
    else problems.push('kindHost must be a host name such as w3id.org');
  }
  if (input.capacity !== undefined) checkCapacity(input.capacity, out, problems);
  if (problems.length > 0) throw new DeclarationError(`${origin}: ${problems.join('; ')}`);
  return out;
}
