// Code generators name classes from `title`; a title that differs from the component key gives
// the same type two names (or two types one name, as when two titles collide).
import { joinPointer } from '../load/source-file.ts';
import { forEachSchema } from '../load/schemas.ts';
import type { LintRule, RawFinding } from './rule.ts';

export const titleMismatch: LintRule = {
  id: 'title-mismatch',
  severity: 'warning',
  summary: "a component schema's title differs from its name",
  fix: "make each component's title its name (or rename the component if the title is right)",
  check({ set }) {
    const findings: RawFinding[] = [];
    forEachSchema(set, (site) => {
      if (!site.component || typeof site.schema.title !== 'string') return;
      if (site.schema.title === site.component) return;
      findings.push({
        file: site.file,
        pointer: joinPointer(site.pointer, 'title'),
        explains: [`title:${site.file}#${site.pointer}`],
        message: `schema ${site.component} has title "${site.schema.title}"`,
        hint: `set the title to "${site.component}" (or rename the component if the title is right)`,
      });
    });
    return findings;
  },
};
