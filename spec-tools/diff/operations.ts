// Changes to paths and operations: paths come, go or are renamed (same operations with the same
// bodies under another path), operations come and go, and within an operation its media types,
// response statuses and body schemas change.
import { pairRenames, setDiff } from './change.ts';
import type { Change } from './change.ts';
import type { OperationView, SpecView } from './view.ts';

const pathOf = (key: string) => key.slice(key.indexOf(' ') + 1);
const methodOf = (key: string) => key.slice(0, key.indexOf(' '));

/** What a client sees of a path: its methods and their bodies, not its name or operationIds. */
function pathShape(view: SpecView, path: string): string {
  const parts: string[] = [];
  for (const [key, operation] of view.operations) {
    if (pathOf(key) !== path) continue;
    const request = [...operation.requestTypes].map(([type, schema]) => `${type}=${schema}`);
    const responses = [...operation.responses].map(
      ([status, media]) => `${status}{${[...media].map(([t, s]) => `${t}=${s}`).sort()}}`,
    );
    parts.push(`${methodOf(key)}(${request.sort()})->(${responses.sort()})`);
  }
  return parts.sort().join(';');
}

function mediaChanges(key: string, old: OperationView, now: OperationView): Change[] {
  const changes: Change[] = [];
  const media = setDiff(old.requestTypes.keys(), now.requestTypes.keys());
  for (const type of media.added)
    changes.push({
      kind: 'media-type',
      change: 'added',
      where: `${key} request`,
      detail: `accepts ${type}`,
      breaking: false,
    });
  for (const type of media.removed)
    changes.push({
      kind: 'media-type',
      change: 'removed',
      where: `${key} request`,
      detail: `no longer accepts ${type}`,
      breaking: true,
    });
  for (const [type, schema] of old.requestTypes) {
    const newSchema = now.requestTypes.get(type);
    if (newSchema !== undefined && newSchema !== schema)
      changes.push({
        kind: 'body-schema',
        change: 'changed',
        where: `${key} request ${type}`,
        detail: `${schema} -> ${newSchema}`,
        breaking: true,
      });
  }
  const statuses = setDiff(old.responses.keys(), now.responses.keys());
  for (const status of statuses.added)
    changes.push({
      kind: 'response',
      change: 'added',
      where: key,
      detail: `new ${status} response`,
      breaking: false,
    });
  for (const status of statuses.removed)
    changes.push({
      kind: 'response',
      change: 'removed',
      where: key,
      detail: `${status} response removed`,
      breaking: true,
    });
  for (const [status, oldMedia] of old.responses) {
    const newMedia = now.responses.get(status);
    if (!newMedia) continue;
    const types = setDiff(oldMedia.keys(), newMedia.keys());
    for (const type of types.added)
      changes.push({
        kind: 'media-type',
        change: 'added',
        where: `${key} ${status}`,
        detail: `may answer ${type}`,
        breaking: false,
      });
    for (const type of types.removed)
      changes.push({
        kind: 'media-type',
        change: 'removed',
        where: `${key} ${status}`,
        detail: `no longer answers ${type}`,
        breaking: true,
      });
    for (const [type, schema] of oldMedia) {
      const newSchema = newMedia.get(type);
      if (newSchema !== undefined && newSchema !== schema)
        changes.push({
          kind: 'body-schema',
          change: 'changed',
          where: `${key} ${status} ${type}`,
          detail: `${schema} -> ${newSchema}`,
          breaking: true,
        });
    }
  }
  return changes;
}

export function diffOperations(before: SpecView, after: SpecView): Change[] {
  const changes: Change[] = [];
  const paths = setDiff(before.paths, after.paths);
  const { renamed, removed, added } = pairRenames(paths.removed, paths.added, (path, side) =>
    pathShape(side === 'old' ? before : after, path),
  );
  // An old client calls the old path: a rename breaks it like a removal, but is said once.
  for (const [from, to] of renamed)
    changes.push({
      kind: 'path',
      change: 'renamed',
      where: to,
      detail: `renamed from ${from} (same operations and bodies)`,
      breaking: true,
      from,
      to,
    });
  for (const path of added)
    changes.push({
      kind: 'path',
      change: 'added',
      where: path,
      detail: 'new path',
      breaking: false,
    });
  for (const path of removed)
    changes.push({
      kind: 'path',
      change: 'removed',
      where: path,
      detail: 'path removed',
      breaking: true,
    });

  // A whole path coming, going or renamed has been said already; its operations need not be.
  const operations = setDiff(before.operations.keys(), after.operations.keys());
  for (const key of operations.added.filter((k) => !paths.added.includes(pathOf(k))))
    changes.push({
      kind: 'operation',
      change: 'added',
      where: key,
      detail: 'new operation',
      breaking: false,
    });
  for (const key of operations.removed.filter((k) => !paths.removed.includes(pathOf(k))))
    changes.push({
      kind: 'operation',
      change: 'removed',
      where: key,
      detail: 'operation removed',
      breaking: true,
    });

  const counterpart = new Map(renamed.map(([from, to]) => [from, to]));
  for (const [key, old] of before.operations) {
    const renamedTo = counterpart.get(pathOf(key));
    const newKey = renamedTo === undefined ? key : `${methodOf(key)} ${renamedTo}`;
    const now = after.operations.get(newKey);
    if (!now) continue;
    if (old.operationId !== now.operationId) {
      changes.push({
        kind: 'operation',
        change: 'changed',
        where: newKey,
        detail: `operationId ${old.operationId ?? '-'} -> ${now.operationId ?? '-'} (generated client method names change)`,
        breaking: false,
      });
    }
    changes.push(...mediaChanges(newKey, old, now));
  }
  return changes;
}
