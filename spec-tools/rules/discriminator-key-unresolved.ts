// A kind URI is an identifier a client may dereference to learn the kind: where the other kinds
// of a description name their schema files, one that names a missing file leads nowhere (and is
// usually a file renamed or moved without its kind).
import { filesOfTarget, readMappingKeys, targetName } from './mapping-keys.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const discriminatorKeyUnresolved: LintRule = {
  id: 'discriminator-key-unresolved',
  severity: 'warning',
  summary: 'discriminator mapping key names a schema file the description does not have',
  fix: 'make each kind URI name the file that defines its kind, or add that file',
  check({ set }) {
    const findings: RawFinding[] = [];
    for (const { entry, named } of readMappingKeys(set)) {
      if (!named || named.found) continue;
      const name = targetName(entry);
      const own = [...filesOfTarget(set, entry)].filter((file) => file !== entry.base.file);
      findings.push({
        file: entry.base.file,
        pointer: entry.pointer,
        explains: [`key:${entry.base.file}#${entry.pointer}`],
        message: `kind "${entry.key}" names ${set.display(named.path)}, which does not exist`,
        hint:
          own.length === 1
            ? `${name} is written in ${set.display(own[0] as string)}: name that file in the kind URI`
            : `add ${set.display(named.path)} defining ${name}, or change the kind URI to name the file that does`,
      });
    }
    return findings;
  },
};
