// Components nothing reaches from the paths are either dead weight or, worse, the schema the
// editor meant to use while the paths point at an older copy.
import { collectRefs } from '../load/spec-set.ts';
import type { Location } from '../load/spec-set.ts';
import { getAtPointer, joinPointer } from '../load/source-file.ts';
import { isRecord, siteKey } from '../load/schemas.ts';
import { discriminatorMappings } from './ref-checks.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const componentUnused: LintRule = {
  id: 'component-unused',
  severity: 'info',
  summary: 'component schema that no path reaches (through refs and discriminator mappings)',
  fix: 'remove it, or reference it where it was meant to be used',
  check({ set }) {
    // A components-only file is a library: there is nothing to reach its schemas from.
    const withPaths = set.roots.filter((root) =>
      isRecord(getAtPointer(set.file(root)?.data, '/paths')),
    );
    if (withPaths.length === 0) return [];
    const mappings = discriminatorMappings(set);
    const visited = new Set<string>();
    const reachedComponents = new Set<string>();
    const queue: Location[] = [];
    for (const root of withPaths) {
      for (const section of ['/paths', '/webhooks']) queue.push({ file: root, pointer: section });
    }
    while (queue.length > 0) {
      const location = queue.pop() as Location;
      const key = siteKey(location);
      if (visited.has(key)) continue;
      visited.add(key);
      const component = /^\/components\/schemas\/[^/]+/.exec(location.pointer);
      if (component) reachedComponents.add(siteKey({ file: location.file, pointer: component[0] }));
      const value = getAtPointer(set.file(location.file)?.data, location.pointer);
      if (value === undefined) continue;
      for (const { ref } of collectRefs(value)) {
        if (typeof ref !== 'string') continue;
        const next = set.follow(location.file, ref);
        if (next) queue.push(next.target);
      }
      for (const entry of mappings) {
        const inside =
          entry.base.pointer === location.pointer ||
          entry.base.pointer.startsWith(location.pointer + '/');
        if (entry.target && entry.base.file === location.file && inside)
          queue.push(entry.target.location);
      }
    }
    const findings: RawFinding[] = [];
    for (const source of set.files.values()) {
      const schemas = getAtPointer(source.data, '/components/schemas');
      if (!isRecord(schemas)) continue;
      for (const name of Object.keys(schemas)) {
        const pointer = joinPointer('/components/schemas', name);
        if (reachedComponents.has(siteKey({ file: source.path, pointer }))) continue;
        findings.push({
          file: source.path,
          pointer,
          explainedBy: [`component:${name}`],
          message: `schema ${name} is not used by any path`,
          hint: 'remove it, or reference it where it was meant to be used',
        });
      }
    }
    return findings;
  },
};
