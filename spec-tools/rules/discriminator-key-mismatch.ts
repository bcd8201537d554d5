// A kind URI, the file it names and the schema it maps to should tell one story. When the key
// says one kind and the schema another (a file renamed, a title left behind), code generators,
// documentation and clients that dereference the URI each see a different kind.
import { getAtPointer } from '../load/source-file.ts';
import { isRecord } from '../load/schemas.ts';
import { comparable, filesOfTarget, readMappingKeys, targetName } from './mapping-keys.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const discriminatorKeyMismatch: LintRule = {
  id: 'discriminator-key-mismatch',
  severity: 'warning',
  summary: 'discriminator mapping key disagrees with the file or title of the schema it maps to',
  fix: 'make the kind URI, the file of the schema and its title name the same kind',
  check({ set }) {
    const findings: RawFinding[] = [];
    for (const { entry, named, slug } of readMappingKeys(set)) {
      if (!entry.target) continue;
      const name = targetName(entry);
      const at = { file: entry.base.file, pointer: entry.pointer };
      const keyFolded = `key:${entry.base.file}#${entry.pointer}`;
      const own = filesOfTarget(set, entry);
      if (named?.found && !own.has(named.found)) {
        findings.push({
          ...at,
          message: `kind "${entry.key}" names ${set.display(named.found)}, but maps to ${name} in ${set.display(entry.target.location.file)}`,
          hint: `point the mapping at the schema in ${set.display(named.found)}, or change the kind URI`,
        });
      }
      const title = getAtPointer(
        set.file(entry.target.location.file)?.data,
        `${entry.target.location.pointer}/title`,
      );
      const schemaTitle = isRecord(entry.target.schema) ? entry.target.schema.title : undefined;
      const said = typeof title === 'string' ? title : schemaTitle;
      // Only keys that name files are held to the title: `uri:box`-style keys are bare labels.
      if (named && slug && typeof said === 'string' && comparable(said) !== comparable(slug)) {
        findings.push({
          ...at,
          explainedBy: [
            keyFolded,
            `title:${entry.target.location.file}#${entry.target.location.pointer}`,
          ],
          message: `kind "${entry.key}" says ${slug}, but the schema it maps to (${name}) is titled "${said}"`,
          hint: `use the same name in the kind URI and the title of ${name}`,
        });
      }
    }
    return findings;
  },
};
