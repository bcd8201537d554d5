// Which requirements a run checks, and which conformance files that takes.

import { catalogue, type RequirementInfo } from '../harness/catalogue.ts';
import type { TestFile } from './discover.ts';

/** A selection that names no such class or requirement: a usage error, nothing was run. */
export class SelectionError extends Error {
  override name = 'SelectionError';
}

function matches(id: string, wanted: string): boolean {
  return id === wanted || id.startsWith(wanted.endsWith('/') ? wanted : `${wanted}/`);
}

/** The requirements of the given classes and ids (or id prefixes); none given means all. */
export function selectRequirements(
  classes: readonly string[] = [],
  ids: readonly string[] = [],
): RequirementInfo[] {
  const all = catalogue();
  const known = new Set(all.map((r) => r.class));
  const unknown = classes.filter((c) => !known.has(c));
  if (unknown.length > 0)
    throw new SelectionError(
      `unknown class${unknown.length > 1 ? 'es' : ''} ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
    );
  const missing = ids.filter((id) => !all.some((r) => matches(r.id, id)));
  if (missing.length > 0) throw new SelectionError(`unknown requirement ${missing.join(', ')}`);
  return all.filter(
    (r) =>
      (classes.length === 0 || classes.includes(r.class)) &&
      (ids.length === 0 || ids.some((id) => matches(r.id, id))),
  );
}

export function filesFor(
  tests: readonly TestFile[],
  selected: readonly RequirementInfo[],
): string[] {
  const ids = new Set(selected.map((r) => r.id));
  return tests.filter((t) => t.requirements.some((id) => ids.has(id))).map((t) => t.file);
}
