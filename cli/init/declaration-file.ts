// The declaration file `eb-conform init` writes: every probed value with the evidence it rests
// on as a comment above it, the defaults a person may want to change, and TODO lines for what
// no probe can know. The text is parsed back and checked before it is written, so the file
// always loads.

import { parse, stringify } from 'yaml';
import { checkDeclaration, DECLARATION_DEFAULTS } from '../../suites/harness/declaration.ts';
import type { Probed } from './probe.ts';

function entry(field: string, value: unknown): string {
  return stringify({ [field]: value }).trimEnd();
}

export function declarationText(target: string, probed: Probed, when: Date): string {
  const lines = [
    `# What eb-conform cannot find out about ${target} by itself.`,
    `# Written by \`eb-conform init\` on ${when.toISOString().slice(0, 10)}: each value was probed,`,
    '# and the comment above it says how. Check them, fill in the TODO lines, then run',
    `#   eb-conform run --target ${target} --declare <this file>`,
    '',
  ];
  const written = new Set<string>();
  for (const finding of probed.findings) {
    lines.push(`# ${finding.evidence}`);
    if (finding.field !== undefined && !written.has(finding.field)) {
      lines.push(entry(finding.field, finding.value), '');
      written.add(finding.field);
    } else lines.push('');
  }
  lines.push(
    '# Real brokers expire offers by polling (the Java broker every 5 s): an offer may read',
    '# OFFERED this long after its `expires` before the suite calls it a failure.',
    entry('expiryGrace', DECLARATION_DEFAULTS.expiryGrace),
    '',
  );
  for (const todo of probed.todo) lines.push(`# TODO ${todo}`);
  if (probed.todo.some((todo) => todo.startsWith('capacity')))
    lines.push('# capacity:', '#   cores: 0', '#   memory: 0     # GiB', '#   storage: 0    # GiB');
  const text = `${lines.join('\n')}\n`;
  // Never write a file `run --declare` would refuse.
  checkDeclaration(parse(text) ?? {}, 'the written declaration');
  return text;
}
