// Named, deliberate defects of the reference broker. Each one breaks exactly one rule, named by
// the requirement id it violates, so the conformance suite's power can be shown: with the fault
// on, that requirement must FAIL (or WARN, for SHOULD and CONVENTION rules); with it off, PASS.
// The catalogue itself is mock/fault-catalogue.ts; where each fault takes effect is in the
// mock's code, found by searching for `faults.has('<name>')`.
//
// Quirks are the other half of behaving like a real broker: things the Java broker does that
// the standard allows (offers in back-to-back blocks, a 303 that carries the body...). They
// break no rule, so no requirement is tied to them; they are switched on like faults.
import { FAULTS, type FaultInfo } from './fault-catalogue.ts';

export type FaultName = (typeof FAULTS)[number]['name'];

export const QUIRKS = [
  {
    name: 'calycopis-blocks',
    description:
      'offers in back-to-back blocks twice the requested duration (2 h asked by default, 4 h at most), the first a minute after the next whole minute',
  },
  {
    name: 'early-preparing',
    description: 'an accepted session reads PREPARING from its acceptance until its slot begins',
  },
  {
    name: 'create-body',
    description: 'a 303 to a create carries the OfferSet as well',
  },
  {
    name: 'string-volumes',
    description:
      'volumes named by a string are read as names, and a top-level volumes list is read (an unknown kind there is a 400)',
  },
] as const satisfies readonly { name: string; description: string }[];

export type QuirkName = (typeof QUIRKS)[number]['name'];

/** What can be switched on by name: a fault or a quirk. */
export type BehaviourName = FaultName | QuirkName;

/**
 * Faults that together make the reference broker behave like the Calycopis Java broker
 * (STANDARD.md section 6, and its recorded traffic: no options anywhere, storage sizes dropped): a preset,
 * so the suite can be shown to catch every defect of that implementation in one run.
 */
export const CALYCOPIS_PRESET: readonly FaultName[] = [
  'ignore-max',
  'memory-echoes-cores',
  'no-without-messages',
  'no-expiry',
  'accept-after-expiry',
  'overbook',
  'silent-illegal-update',
  'bare-errors',
  '5xx-on-bad-input',
  'no-options',
  'storage-size-dropped',
];

/** The quirks the `calycopis` preset adds to its faults, for offers shaped as the traffic's. */
export const CALYCOPIS_QUIRKS: readonly QuirkName[] = [
  'calycopis-blocks',
  'early-preparing',
  'create-body',
  'string-volumes',
];

const byName = new Map<string, FaultInfo>(FAULTS.map((fault) => [fault.name, fault]));
const quirkNames: ReadonlySet<string> = new Set(QUIRKS.map((quirk) => quirk.name));

export function isFaultName(name: string): name is FaultName {
  return byName.has(name);
}

export function isQuirkName(name: string): name is QuirkName {
  return quirkNames.has(name);
}

/**
 * Parses a --fault list ("a,b", quirk names, or the preset name "calycopis") into a set,
 * reporting the names it does not know instead of ignoring them.
 */
export function parseFaults(list: string[]): { faults: Set<BehaviourName>; unknown: string[] } {
  const faults = new Set<BehaviourName>();
  const unknown: string[] = [];
  for (const raw of list.flatMap((item) => item.split(','))) {
    const name = raw.trim();
    if (name === '') continue;
    if (name === 'calycopis') {
      for (const preset of [...CALYCOPIS_PRESET, ...CALYCOPIS_QUIRKS]) faults.add(preset);
    } else if (isFaultName(name) || isQuirkName(name)) faults.add(name);
    else unknown.push(name);
  }
  return { faults, unknown };
}

export { FAULTS, type FaultInfo };
