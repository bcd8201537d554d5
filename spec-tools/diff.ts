// `eb-conform spec diff`: what changed between two versions of the description, in the terms
// an implementer cares about, each change marked breaking or not for a client written against
// the old version. diff/ holds the parts: view.ts reduces a side to what clients see,
// operations.ts, schemas.ts and kinds.ts compare, format.ts prints.
import { InputError } from './input-error.ts';
import { isRecord } from './load/schemas.ts';
import { localCopy } from './load/remote.ts';
import { openSpecSet } from './load/spec-set.ts';
import type { SpecSet } from './load/spec-set.ts';
import type { Change } from './diff/change.ts';
import type { DiffReport } from './diff/format.ts';
import { diffOperations } from './diff/operations.ts';
import { diffSchemas } from './diff/schemas.ts';
import { viewOf } from './diff/view.ts';
import type { SpecView } from './diff/view.ts';

/** diffSpecs for files, folders or URLs (each fetched with what it references). */
export async function diffTargets(oldTarget: string, newTarget: string): Promise<DiffReport> {
  const old = await localCopy(oldTarget);
  try {
    const now = await localCopy(newTarget);
    try {
      return diffSpecs(old.path, now.path, { old: oldTarget, new: newTarget });
    } finally {
      now.close();
    }
  } finally {
    old.close();
  }
}

export function diffViews(before: SpecView, after: SpecView): Change[] {
  return [...diffOperations(before, after), ...diffSchemas(before, after)];
}

/**
 * Opens one side of a diff, refusing what would make every difference a lie: a file that does
 * not parse (its content would count as removed) or something that is no OpenAPI at all.
 */
function openForDiff(path: string): SpecSet {
  const set = openSpecSet(path);
  for (const source of set.files.values()) {
    const [problem] = source.problems;
    if (problem !== undefined) {
      throw new InputError(
        `${set.display(source.path)}:${problem.line} does not parse (${problem.message}); ` +
          `fix it first (eb-conform spec lint ${path} shows every problem)`,
      );
    }
  }
  const described = [...set.files.values()].some(
    (source) =>
      isRecord(source.data) && (isRecord(source.data.paths) || isRecord(source.data.components)),
  );
  if (!described) {
    throw new InputError(`${path} has no paths and no components: is it an OpenAPI description?`);
  }
  return set;
}

export function diffSpecs(
  oldPath: string,
  newPath: string,
  names?: { old: string; new: string },
): DiffReport {
  const changes = diffViews(viewOf(openForDiff(oldPath)), viewOf(openForDiff(newPath)));
  const breaking = changes.filter((change) => change.breaking).length;
  return {
    old: names?.old ?? oldPath,
    new: names?.new ?? newPath,
    changes,
    summary: { total: changes.length, breaking, nonBreaking: changes.length - breaking },
  };
}
